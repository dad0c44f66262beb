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
}
