import CoveCore
import Foundation
import Testing

/// The README is the newcomer's first contact; these keep it true to the code.
@Suite("README")
struct ReadmeTests {
    static var readme: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        }
    }

    @Test func everySettingIsInTheConfigurationTable() throws {
        let readme = try Self.readme
        for variable in Settings.variables {
            #expect(readme.contains("| `\(variable.name)` |"), "README lacks a row for \(variable.name)")
        }
    }

    @Test func everyVariableInTheTableIsRead() throws {
        let rows = try Self.readme.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let names = rows.compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        let known = Set(Settings.variables.map(\.name))
        #expect(!names.isEmpty)
        for name in names {
            #expect(known.contains(name), "README documents \(name), which Cove does not read")
        }
    }

    @Test func theQuickStartIsTwoCommands() throws {
        let readme = try Self.readme
        let start = try #require(readme.range(of: "## Quick start"))
        let block = try #require(readme[start.upperBound...].split(separator: "```").dropFirst().first)
        let commands = block.split(separator: "\n").filter { !$0.hasPrefix("sh") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(commands.count == 2)
        #expect(commands.first?.hasPrefix("swift run cove serve") == true)
        #expect(commands.last?.hasPrefix("scripts/test") == true)
    }
}
