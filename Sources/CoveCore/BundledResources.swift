import Foundation

/// Where a target's `.copy("Resources")` folder ends up inside its resource bundle.
///
/// Darwin puts it under the bundle's resource directory (`…/Contents/Resources/Resources`);
/// swift-corelibs Foundation treats a top-level "Resources" folder as the resource directory
/// itself, so on Linux it is `bundleURL/Resources`. Both places are tried rather than the
/// platform guessed; CoveCore and CoveServer each pass their own `Bundle.module`.
public enum BundledResources {
    public static func folder(in bundle: Bundle) -> URL? {
        let candidates = [
            bundle.resourceURL?.appendingPathComponent("Resources"),
            bundle.bundleURL.appendingPathComponent("Resources"),
        ]
        return candidates.lazy.compactMap { $0 }.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The bytes of CoveCore's resource at `path` (relative to its Resources folder), or the
    /// place it was looked for, for an error message that says where to look.
    static func data(at path: String) -> Result<Data, MissingResource> {
        if let url = folder(in: .module)?.appendingPathComponent(path), let data = try? Data(contentsOf: url) {
            return .success(data)
        }
        return .failure(MissingResource(path: Bundle.module.bundleURL.appendingPathComponent("Resources/\(path)").path))
    }

    struct MissingResource: Error {
        var path: String
    }
}
