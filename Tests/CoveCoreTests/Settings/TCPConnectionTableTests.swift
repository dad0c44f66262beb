import Testing
@testable import CoveCore

@Suite("Open connections")
struct TCPConnectionTableTests {
    // Shaped like /proc/net/tcp: a listener on 8080 (1F90), two established connections to it,
    // one closing (06 TIME_WAIT), and an established connection on another port.
    static let table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
           1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1
           2: 0100007F:1F90 0100007F:D432 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1
           3: 0100007F:1F90 0100007F:D433 06 00000000:00000000 03:00000000 00000000     0        0 0 3 0
           4: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1
        """

    @Test func countsOnlyEstablishedConnectionsToThePort() {
        #expect(TCPConnectionTable.establishedCount(in: Self.table, localPort: 8080) == 2)
        #expect(TCPConnectionTable.establishedCount(in: Self.table, localPort: 54321) == 1)
        #expect(TCPConnectionTable.establishedCount(in: Self.table, localPort: 9) == 0)
    }

    @Test func ipv6RowsUseTheSamePortField() {
        let table = """
              sl  local_address                         remote_address                        st
               0: 00000000000000000000000001000000:0050 00000000000000000000000001000000:C350 01 0
            """
        #expect(TCPConnectionTable.establishedCount(in: table, localPort: 80) == 1)
    }

    @Test func anEmptyOrForeignTextCountsNothing() {
        #expect(TCPConnectionTable.establishedCount(in: "", localPort: 80) == 0)
        #expect(TCPConnectionTable.establishedCount(in: "no table here\nat all", localPort: 80) == 0)
    }
}
