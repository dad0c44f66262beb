/// Runs an expensive piece of work for many callers at once. A caller asks for a result at
/// least as new as a mark (a counter that grows with every change); it gets the last result
/// when that is new enough, joins the run in progress when that started late enough, and
/// otherwise joins the one queued run. So a burst of changes costs at most two runs, not one
/// per caller, and nobody gets a result computed before the change they were told about.
///
/// Every caller of one coalescer passes the same work; a queued run does the first caller's.
actor Coalescer<Value: Sendable> {
    private let currentMark: @Sendable () -> Int
    private var latest: (mark: Int, value: Value)?
    private var running: (mark: Int, id: Int, task: Task<Value, any Error>)?
    private var queued: (id: Int, task: Task<Value, any Error>)?
    private var runs = 0

    /// `currentMark` is read as a run starts: the run sees every change up to that mark.
    init(currentMark: @escaping @Sendable () -> Int) {
        self.currentMark = currentMark
    }

    /// A result from a run that started when the mark was at least `mark`.
    func value(atLeast mark: Int, work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let latest, latest.mark >= mark { return latest.value }
        if let running, running.mark >= mark { return try await running.task.value }
        if let queued { return try await queued.task.value }
        runs += 1
        let (id, previous) = (runs, running?.task)
        let task = Task {
            _ = try? await previous?.value
            return try await self.start(id, work)
        }
        queued = (id, task)
        return try await task.value
    }

    /// How many runs have started; tests use it to see that callers were served together.
    var runCount: Int { runs }

    private func start(_ id: Int, _ work: @Sendable () async throws -> Value) async throws -> Value {
        guard let task = queued?.task, queued?.id == id else { throw CancellationError() }
        let mark = currentMark()
        running = (mark, id, task)
        queued = nil
        defer { if running?.id == id { running = nil } }
        let value = try await work()
        if (latest?.mark ?? .min) <= mark { latest = (mark, value) }
        return value
    }
}
