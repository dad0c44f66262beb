import CoveCore
import Vapor

/// The whole directory in and out, as the plain CSV or as HSDS 3.0 JSON: export for anyone (the
/// directory is public), import for those who may replace all of it, always checked whole and
/// offered as a dry run first.
struct DirectoryExchangeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "directory.csv") { try await Self.export($0, as: .csv) }.access(.public)
        routes.get("api", "v1", "directory.hsds.json") { try await Self.export($0, as: .hsds) }.access(.public)
        let importing = routes.grouped(":lang", "admin", "directory-import")
        importing.get(use: form).access(.roles(DirectoryAccess.importers))
        // A whole directory in HSDS is a few megabytes; other forms keep the small general limit.
        importing.on(.POST, body: .collect(maxSize: ByteCount(integerLiteral: Self.maximumImportBytes)), use: upload)
            .access(.roles(DirectoryAccess.importers)).bodyLimit(Self.maximumImportBytes)
    }

    static let maximumImportBytes = 32 * 1024 * 1024

    static func export(_ req: Request, as format: DirectoryFileFormat) async throws -> Response {
        // From the in-memory copy: the export is public, and reading the tables for each request
        // would let anyone keep the database busy.
        let records = try await req.application.directoryCache.snapshot(on: req.application.db, now: req.now).records
        var headers = HTTPHeaders()
        headers.contentType = format == .csv
            ? HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]) : .json
        headers.replaceOrAdd(name: .contentDisposition,
                             value: "attachment; filename=\"cove-directory.\(format.fileExtension)\"")
        return Response(status: .ok, headers: headers, body: .init(data: try format.data(for: records)))
    }

    struct Upload: Content {
        var file: File?
        var dryRun: String?
    }

    struct ImportBody: Encodable, Sendable {
        var errors: [Problem] = []
        /// Problems beyond those listed: fixing the first two hundred usually shows the pattern.
        var moreErrors = 0
        var summary: DirectoryStore.ImportSummary?
        var dryRun = true
        var fileName: String?
    }

    struct Problem: Encodable, Sendable {
        var line: Int
        var field: String
        var message: String
    }

    @Sendable func form(req: Request) async throws -> View {
        try await req.renderForm("directory-import", titleKey: "directory.import_title", body: ImportBody())
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let upload = try req.content.decode(Upload.self)
        var body = ImportBody(dryRun: upload.dryRun != nil, fileName: upload.file?.filename)
        guard let file = upload.file, file.data.readableBytes > 0 else {
            body.errors = [Problem(line: 0, field: "file", message: req.t("directory.import_no_file"))]
            return try await render(req, body, status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let format = DirectoryFileFormat.of(fileName: file.filename, data: data)
        switch format.records(from: data, knownCountries: req.application.directoryReference.knownCountries) {
        case .failure(let problems):
            body.errors = problems.errors.prefix(200).map { Problem(line: $0.line, field: $0.field ?? "", message: $0.message) }
            body.moreErrors = max(0, problems.errors.count - 200)
            return try await render(req, body, status: .unprocessableEntity)
        case .success(let records):
            let person = req.signInState.person
            body.summary = try await req.helplineDirectory.replaceAll(
                with: records, by: .init(id: person?.id, label: person?.email ?? "unknown"), dryRun: body.dryRun)
            if !body.dryRun {
                try await req.audit.record(.init(action: "directory.imported", recordType: "directory",
                                                 detail: "rows=\(records.count)"))
            }
            return try await render(req, body, status: .ok)
        }
    }

    private func render(_ req: Request, _ body: ImportBody, status: HTTPResponseStatus) async throws -> Response {
        let response = try await req.renderForm("directory-import", titleKey: "directory.import_title", body: body)
            .encodeResponse(for: req)
        response.status = status
        return response
    }
}
