import Crypto
import Foundation

extension SHA256 {
    /// The lower-case hex SHA-256 of some text: how Cove stores secrets it only needs to recognise
    /// (recovery codes, chat secrets) and turns long provider ids into fixed keys.
    static func hex(of text: String) -> String {
        hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
