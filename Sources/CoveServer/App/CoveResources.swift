import CoveCore
import Foundation

/// Files shipped inside the CoveServer bundle: views, static assets, catalogues, seeds.
public enum CoveResources {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "Cove's resource folder \"\(name)\" is missing from the installation" }
    }

    public static func directory(_ name: String) throws -> String {
        guard let url = BundledResources.folder(in: .module)?.appendingPathComponent(name) else { throw Missing(name: name) }
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(name: name) }
        return url.path + "/"
    }

    public static func data(_ folder: String, _ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: try directory(folder)).appendingPathComponent(file))
    }
}
