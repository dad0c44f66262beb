import ArgumentParser
import CoveCore
import CoveServer
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the Cove server: migrate, seed on first start, then listen until stopped.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on (COVE_HOSTNAME, default 127.0.0.1).")
    var hostname: String?

    @Option(help: "Port to listen on (COVE_PORT, default 8080).")
    var port: String?

    func run() async throws {
        try await withApplication({ try common.settings(hostname: hostname, port: port) },
                                  arguments: ["cove", "serve"]) { app in
            let first = try await CoveApplication.prepare(app)
            let base = app.settings.effectivePublicURL.absoluteString.trimmingSuffix("/")
            if let first {
                print("First administrator: email=\(first.email) one-time-password=\(first.oneTimePassword) sign-in=\(base)/en/sign-in")
                print("Sign in with this one-time password now; Cove will ask you to choose your own. It is not shown again.")
            }
            print("Cove is starting at \(base)/ (stop with Ctrl-C)")
            // Standard output may be a pipe (a supervisor, a test), where it is not line-buffered.
            fflush(nil)
            try await app.execute()
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
