import ArgumentParser
import CoveServer
import Foundation

struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cove's own chat for helplines.",
        subcommands: [Enable.self, Channel.self])

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let children chat with a helpline's counsellors through Cove.",
            discussion: "Links the helpline to the organisation whose counsellors answer (created when it does not exist), then turns chat on.")

        @OptionGroup var common: CommonOptions

        @Argument(help: "The helpline's directory id, such as ke-child-helpline-116.")
        var helpline: String

        @Option(help: "Name of the helpline organisation whose counsellors answer.")
        var org: String

        @Option(help: "Days a finished chat's transcript is kept; its classification is kept longer.")
        var retentionDays = 90

        @Option(help: "Children who may wait at once before new ones are shown other ways to get help.")
        var maxWaiting = 30

        func validate() throws {
            guard (1...3650).contains(retentionDays) else { throw ValidationError("--retention-days must be from 1 to 3650.") }
            guard (1...100_000).contains(maxWaiting) else { throw ValidationError("--max-waiting must be from 1 to 100000.") }
        }

        func run() async throws {
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                let enabled = try await CoveContactCentre.enableChat(helpline: helpline, organisation: org,
                                                                     retentionDays: retentionDays, maximumWaiting: maxWaiting, on: app)
                if enabled.createdOrganisation { print("Created the organisation \"\(enabled.organisationName)\".") }
                print("Chat is on for \(enabled.helplineName), answered by \"\(enabled.organisationName)\".")
            }
        }
    }

    struct Channel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Connect a helpline's SMS or WhatsApp number, and print the webhook to give the provider.",
            discussion: """
                Secrets come in a JSON file, not on the command line: twilio needs accountSID and authToken; \
                whatsapp-cloud needs appSecret, accessToken and verifyToken; json needs sharedSecret.
                """)

        @OptionGroup var common: CommonOptions

        @Argument(help: "The helpline's directory id.")
        var helpline: String

        @Option(help: "twilio, whatsapp-cloud or json.")
        var provider: String

        @Option(help: "sms or whatsapp.")
        var channel: String

        @Option(help: "The helpline's number in E.164 form, or WhatsApp's phone number id.")
        var address: String

        @Option(help: "JSON file holding the provider's secrets.")
        var secrets: String

        @Option(help: "Provider API address, when not the public one (a test double, a regional endpoint).")
        var apiBaseURL: String?

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: secrets)) } catch {
                throw ValidationError("Cannot read --secrets \(secrets).")
            }
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                let added = try await CoveContactCentre.addChannel(helpline: helpline, provider: provider, channel: channel,
                                                                   address: address, secrets: data, apiBaseURL: apiBaseURL, on: app)
                print("Connected. Give the provider this webhook: \(app.settings.effectivePublicURL.absoluteString)\(added.webhookPath)")
            }
        }
    }
}
