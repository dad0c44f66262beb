import CoveCore
import NIOConcurrencyHelpers
import Vapor

/// `GET /api/v1/help`: who a child can talk to now, for machines (apps, SMS bots, partner sites).
struct HelpAPIRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "help", use: help).access(.public)
    }

    @Sendable func help(req: Request) async throws -> Response {
        // Decoded once: each `req.query[_:at:]` would parse the whole query string again.
        let query = (try? req.query.decode(HelpQuery.self)) ?? HelpQuery()
        let service = HelpService(request: req)
        let question: HelpRequest
        do {
            question = try service.question(country: query.country, caller: query.caller, language: query.lang,
                                            age: query.age, topic: query.topic, at: query.at)
        } catch {
            let body = ParameterError(error: "invalid-parameter", parameter: error.parameter, reason: error.reason.rawValue,
                                      message: req.t("help.api.\(error.reason.rawValue)", ["parameter": error.parameter]))
            return try await body.encodeResponse(status: .badRequest, for: req)
        }
        let snapshot = try await service.snapshot()
        // A question about a given instant is rare and answered afresh; "now" is what children ask.
        let key = query.at == nil ? HelpAnswerCache.key(question, language: req.language, snapshot: snapshot) : nil
        let cache = req.application.helpAnswers
        // A caller's number is personal: no shared cache may keep it as a key, nor the answer.
        let sharable = query.caller == nil
        if let key, let kept = cache.kept(for: key, at: req.now) {
            return Self.response(kept.body, validUntil: kept.validUntil, sharable: sharable, now: req.now)
        }
        let result = service.answer(question, in: snapshot)
        let body = try HelpAnswerCache.encode(HelpResponse(result, now: req.now, countryName: req.countryName(question.country)))
        let validUntil = HelpAnswerCache.validUntil(change: result.answer.nextChange, now: req.now)
        if let key { cache.keep(body, for: key, until: validUntil) }
        return Self.response(body, validUntil: validUntil, sharable: sharable, now: req.now)
    }

    private static func response(_ body: ByteBuffer, validUntil: Date, sharable: Bool, now: Date) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        // Answers change as helplines open and close: a browser or proxy keeps one no longer than Cove does.
        let seconds = max(0, Int(validUntil.timeIntervalSince(now)))
        headers.replaceOrAdd(name: .cacheControl, value: sharable ? "public, max-age=\(seconds)" : "private, no-store")
        // Country names and refusals follow the browser's language.
        headers.replaceOrAdd(name: .vary, value: "Accept-Language")
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    /// Every parameter as text: `HelpRequest.validated` reads them, so a bad one is refused by name.
    struct HelpQuery: Content {
        var country: String?
        var caller: String?
        var lang: String?
        var age: String?
        var topic: String?
        var at: String?
    }

    struct ParameterError: Content {
        var error: String
        var parameter: String
        var reason: String
        var message: String
    }
}

/// The API's answer. Instants are UTC ISO 8601; `nextOpeningLocal` repeats the next opening on the
/// helpline's own clock, which is the child's when they are in the helpline's country.
struct HelpResponse: Content {
    var country: String
    var countryName: String
    var language: String?
    var at: Date
    var hasNationalHelpline: Bool
    var emergencyNumbers: [String]
    var entries: [Entry]

    struct Entry: Content {
        var reason: String
        var helplineId: String?
        var name: String?
        var description: String?
        var status: String
        var openUntil: Date?
        var nextOpening: Date?
        var nextOpeningLocal: String?
        var timeZone: String?
        var verifiedOn: String?
        var stale: Bool?
        var source: String?
        var contactPoints: [Contact]
    }

    struct Contact: Content {
        var channel: String
        var address: String
        var link: String?
        var free: Bool?
        var harmonised: Bool
    }

    init(_ result: HelpService.Result, now: Date, countryName: String) {
        country = result.request.country
        self.countryName = countryName
        language = result.request.language
        at = result.request.at
        hasNationalHelpline = result.answer.hasNationalHelpline
        emergencyNumbers = result.answer.emergencyNumbers
        entries = result.answer.entries.map { entry in
            Self.entry(entry, record: entry.listingID.flatMap { result.recordsByID[$0] }, language: result.request.language,
                       now: now)
        }
    }

    private static func entry(_ entry: HelpEntry, record: DirectoryRecord?, language: String?, now: Date) -> Entry {
        var status = "hours-unknown", until: Date?, next: Date?
        switch entry.status {
        case .openNow(let closes): (status, until) = ("open", closes)
        case .closedNow(let opens): (status, next) = ("closed", opens)
        case .hoursUnknown: break
        }
        let zone = record.flatMap { TimeZone(identifier: $0.timeZone) }
        return Entry(
            reason: entry.reason.code, helplineId: entry.listingID, name: record?.name(in: language) ?? entry.name,
            description: record?.description(in: language), status: status,
            openUntil: until, nextOpening: next, nextOpeningLocal: next.flatMap { date in zone.map { date.iso8601(in: $0) } },
            timeZone: record?.timeZone, verifiedOn: record?.verification.verifiedOn?.description,
            stale: record?.verification.isStale(asOf: now), source: record?.verification.sourceURL,
            contactPoints: entry.contactPoints.map {
                Contact(channel: $0.channel.rawValue, address: $0.address, link: $0.link, free: $0.isFree,
                        harmonised: $0.isHarmonised)
            })
    }
}

extension Date {
    /// "2026-06-10T21:30:00+02:00": the instant on a given wall clock, offset included.
    func iso8601(in zone: TimeZone) -> String {
        formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone))
    }
}

extension Request {
    /// The country's name in the request's language, from the platform's locale data (the ITU
    /// designation when it has none), looked up once per language and country: ICU is slow
    /// enough to show in every help-now answer otherwise.
    func countryName(_ code: String) -> String {
        application.countryNames.name(of: code, in: language) {
            Locale(identifier: language.rawValue).localizedString(forRegionCode: code)
                ?? application.countries.country(code)?.name ?? code
        }
    }
}

/// Country names already looked up, by language and code.
final class CountryNames: Sendable {
    private let names = NIOLockedValueBox<[String: String]>([:])

    func name(of code: String, in language: Language, lookUp: () -> String) -> String {
        let key = "\(language.rawValue)-\(code)"
        if let known = names.withLockedValue({ $0[key] }) { return known }
        let name = lookUp()
        names.withLockedValue { $0[key] = name }
        return name
    }
}

extension Application {
    private struct CountryNamesKey: StorageKey { typealias Value = CountryNames }

    var countryNames: CountryNames { storage[CountryNamesKey.self]! }

    func configureCountryNames() {
        storage[CountryNamesKey.self] = CountryNames()
    }
}
