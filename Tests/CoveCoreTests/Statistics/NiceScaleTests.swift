import Foundation
import Testing
@testable import CoveCore

@Suite("Nice scale")
struct NiceScaleTests {
    @Test func ticksAreRoundAndStartAtZero() {
        let cases: [(maximum: Double, ticks: [Double])] = [
            (7, [0, 2, 4, 6, 8]),
            (8, [0, 2, 4, 6, 8]),
            (10, [0, 5, 10]),
            (10.01, [0, 5, 10, 15]),
            (85, [0, 50, 100]),
            (1234, [0, 500, 1000, 1500]),
            (1, [0, 0.5, 1]),
            (0.37, [0, 0.1, 0.2, 0.3, 0.4]),
            (0.003, [0, 0.001, 0.002, 0.003]),
        ]
        for (maximum, ticks) in cases {
            #expect(NiceScale(dataMaximum: maximum).ticks == ticks, "data maximum \(maximum)")
        }
    }

    /// A loop, not test arguments: NaN and infinity cannot be encoded as argument ids.
    @Test func nothingToShowGivesZeroToOne() {
        for maximum in [0, -3, Double.nan, Double.infinity, -Double.infinity, 1e-15] {
            let scale = NiceScale(dataMaximum: maximum)
            #expect(scale.ticks == [0, 0.5, 1], "data maximum \(maximum)")
            #expect(scale.maximum == 1, "data maximum \(maximum)")
        }
    }

    @Test func missingValuesAreIgnored() {
        #expect(NiceScale(covering: []).maximum == 1)
        #expect(NiceScale(covering: [nil, nil]).maximum == 1)
        #expect(NiceScale(covering: [nil, 3, Double.nan, 7, nil]).ticks == [0, 2, 4, 6, 8])
    }

    @Test func veryLargeValuesStayFinite() {
        #expect(NiceScale(dataMaximum: 1e12).ticks == [0, 5e11, 1e12])
        let huge = NiceScale(dataMaximum: .greatestFiniteMagnitude)
        #expect(huge.maximum.isFinite)
        #expect((3...5).contains(huge.ticks.count))
    }

    @Test(arguments: [1e-9, 0.003, 0.37, 1, 2.5, 7, 9.99, 10, 10.01, 99, 101, 4321, 1e9, 3.3e15])
    func everyScaleHasThreeToFiveEvenTicksCoveringTheData(maximum: Double) {
        let scale = NiceScale(dataMaximum: maximum)
        #expect((3...5).contains(scale.ticks.count))
        #expect(scale.ticks.first == 0)
        #expect(scale.ticks.last == scale.maximum)
        #expect(scale.maximum >= maximum)
        for (index, tick) in scale.ticks.enumerated() {
            #expect(abs(tick - Double(index) * scale.step) <= 1e-9 * scale.maximum)
        }
    }

    @Test func fractionPinsValuesToTheAxis() {
        let scale = NiceScale(dataMaximum: 7)
        #expect(scale.fraction(of: 4) == 0.5)
        #expect(scale.fraction(of: 8) == 1)
        #expect(scale.fraction(of: 12) == 1)
        #expect(scale.fraction(of: -1) == 0)
        #expect(scale.fraction(of: .nan) == 0)
    }

    @Test func labelsUseJustEnoughDecimals() {
        let labels = { (maximum: Double) -> [String] in
            let scale = NiceScale(dataMaximum: maximum)
            return scale.ticks.map { scale.label(for: $0) }
        }
        #expect(labels(7) == ["0", "2", "4", "6", "8"])
        #expect(labels(0.37) == ["0.0", "0.1", "0.2", "0.3", "0.4"])
        #expect(labels(0.003) == ["0.000", "0.001", "0.002", "0.003"])
        #expect(labels(1e12) == ["0", "500000000000", "1000000000000"])
    }
}
