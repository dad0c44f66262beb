extension SplitMix64 {
    /// One to three random edits of `elements` (insert, remove or replace one from `alphabet`, or
    /// cut the end off), as the fuzz tests of the CSV and HSDS readers apply them.
    mutating func mutated<Element>(_ elements: [Element], from alphabet: [Element]) -> [Element] {
        var result = elements
        for _ in 0..<Int.random(in: 1...3, using: &self) {
            let element = alphabet.randomElement(using: &self)!
            switch Int.random(in: 0..<10, using: &self) {
            case 0..<4: result.insert(element, at: Int.random(in: 0...result.count, using: &self))
            case 4..<7 where !result.isEmpty: result.remove(at: Int.random(in: 0..<result.count, using: &self))
            case 7..<9 where !result.isEmpty: result[Int.random(in: 0..<result.count, using: &self)] = element
            default: result.removeLast(Int.random(in: 0...result.count, using: &self))
            }
        }
        return result
    }
}

/// Lines as an editor may count them: one more than the line breaks (CR, LF or CRLF).
func lineCount(_ text: String) -> Int {
    // Counted per Character of `text`: filtering into a new String would merge a lone "\r" and a
    // later "\n" into one "\r\n" Character and undercount.
    text.reduce(0) { $1 == "\n" || $1 == "\r" || $1 == "\r\n" ? $0 + 1 : $0 } + 1
}
