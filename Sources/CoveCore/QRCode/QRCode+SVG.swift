extension QRCode {
    /// The symbol as a standalone, accessible SVG element for inline use.
    ///
    /// The output uses presentation attributes (`fill`) only, never a
    /// `style` attribute, so it renders under a Content-Security-Policy that
    /// forbids inline styles. Dark modules form a single path in which each
    /// horizontal run is one rectangle, keeping the markup small.
    ///
    /// - Parameters:
    ///   - moduleSize: Rendered pixels per module; must be at least 1.
    ///   - quietZone: Light border in modules; readers expect at least 4.
    ///   - title: Accessible name, announced by screen readers. It is
    ///     escaped, so it may contain any text.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String) -> String {
        precondition(moduleSize >= 1, "moduleSize must be positive")
        precondition(quietZone >= 0, "quietZone cannot be negative")
        let extent = size + 2 * quietZone
        let pixels = extent * moduleSize
        let titleID = "qr-\(contentHash)"
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(extent) \(extent)" \
            width="\(pixels)" height="\(pixels)" shape-rendering="crispEdges" \
            role="img" aria-labelledby="\(titleID)">\
            <title id="\(titleID)">\(SVGWriter.escape(title))</title>\
            <rect width="\(extent)" height="\(extent)" fill="#fff"/>\
            <path fill="#000" d="\(pathData(offset: quietZone))"/></svg>
            """
    }

    /// Path data with one closed rectangle per horizontal run of dark
    /// modules, in module units shifted by `offset`.
    func pathData(offset: Int) -> String {
        var segments: [String] = []
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size && isDark(row: row, column: column) { column += 1 }
                let width = column - start
                segments.append("M\(start + offset) \(row + offset)h\(width)v1h-\(width)z")
            }
        }
        return segments.joined()
    }

    /// A short, deterministic identifier derived from the modules, so two
    /// different codes on one page get distinct `id`s for their titles.
    var contentHash: String {
        // 64-bit FNV-1a: tiny, stable across runs (unlike `Hasher`).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for module in modules {
            hash ^= module ? 1 : 0
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
