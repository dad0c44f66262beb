import Foundation

/// An axis from zero to a round number at or just above the data, with three to five evenly
/// spaced ticks, so gridlines read 0, 2, 4, 6, 8 rather than 0, 1.75, 3.5, 5.25, 7.
///
/// Steps are 1, 2 or 5 times a power of ten, the series readers expect. Every chart starts at
/// zero because the charts compare rates between countries, and a bar or line measured from
/// anywhere else would exaggerate the difference.
public struct NiceScale: Sendable, Hashable {
    /// The far end of the axis: the smallest multiple of `step` that covers the data.
    public let maximum: Double
    /// Distance between neighbouring ticks.
    public let step: Double
    /// Tick values from 0 to `maximum` inclusive; three to five of them.
    public let ticks: [Double]
    /// Decimal places that write every tick exactly: 1 for a step of 0.5, 0 for a step of 20.
    public let decimals: Int

    /// With steps of 1, 2 and 5, allowing at most four intervals means there are never fewer
    /// than two, which is what keeps the tick count within three to five.
    static let maximumIntervals = 4
    static let multiples = [1, 2, 5]
    /// Nothing Cove publishes comes near these; outside them powers of ten overflow to infinity
    /// or underflow to zero, and the step arithmetic would divide by zero.
    static let largestValue = 1e300
    static let smallestValue = 1e-12

    /// A scale for data whose largest value is `dataMaximum`.
    ///
    /// A maximum that is zero (or below `smallestValue`), negative, NaN or infinite gives the scale
    /// 0–1, so a chart with no data, or only zeros, still draws a sensible empty axis.
    public init(dataMaximum: Double) {
        let usable = dataMaximum.isFinite && dataMaximum >= Self.smallestValue
        let top = usable ? min(dataMaximum, Self.largestValue) : 1
        let (multiple, exponent) = Self.step(covering: top)
        let intervals = Int((top / Self.value(multiple, exponent)).rounded(.up))
        step = Self.value(multiple, exponent)
        maximum = Self.value(multiple * intervals, exponent)
        ticks = (0...intervals).map { Self.value(multiple * $0, exponent) }
        decimals = max(0, -exponent)
    }

    /// A scale covering every present value; missing ones are ignored.
    public init(covering values: [Double?]) {
        self.init(dataMaximum: values.compactMap { $0 }.filter(\.isFinite).max() ?? 0)
    }

    /// Where `value` falls along the axis, from 0 at zero to 1 at `maximum`. Values outside the
    /// axis are pinned to its ends, so a negative value draws nothing rather than a backwards bar.
    public func fraction(of value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return min(max(value / maximum, 0), 1)
    }

    /// A tick written with just enough decimals for the step, with a point and Latin digits.
    /// Pages that write numbers their own way pass a formatter to the chart instead.
    public func label(for value: Double) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// The smallest step that spans `top` in at most `maximumIntervals` intervals. The search
    /// starts one power of ten low because `log10` can land a hair either side of an integer.
    private static func step(covering top: Double) -> (multiple: Int, exponent: Int) {
        let start = Int(log10(top / Double(maximumIntervals)).rounded(.down)) - 1
        for exponent in start...(start + 3) {
            for multiple in multiples where (top / value(multiple, exponent)).rounded(.up) <= Double(maximumIntervals) {
                return (multiple, exponent)
            }
        }
        return (1, start + 4)
    }

    /// `multiple` × 10^`exponent`, dividing for negative exponents so that ticks such as 0.3 come
    /// out as the same Double the literal `0.3` gives, and tests and labels see exact values.
    static func value(_ multiple: Int, _ exponent: Int) -> Double {
        if exponent >= 0 { return Double(multiple) * pow(10, Double(exponent)) }
        return Double(multiple) / pow(10, Double(-exponent))
    }
}
