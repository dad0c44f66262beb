import ArgumentParser

@main
struct Cove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cove",
        abstract: "Cove: child helplines, contacts and child online protection statistics.",
        discussion: "Settings come from environment variables (see the README); flags override them.",
        subcommands: [Serve.self, Migrate.self, Seed.self, User.self, Directory.self, Chat.self, Stats.self],
        defaultSubcommand: Serve.self)
}
