import CoveCore
import Fluent
import Leaf
import LeafKit
import Vapor

/// Builds the whole application. `cove serve`, the other commands and the tests all come
/// through here, so what is tested is what runs.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.http.server.configuration.hostname = settings.hostname
    app.http.server.configuration.port = settings.port
    app.http.server.configuration.serverName = nil
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: settings.maximumBodyKilobytes * 1024)
    app.passwords.use(.bcrypt(cost: settings.passwordHashCost))

    try app.configureDatabase(settings.database)
    try await app.useWriteAheadLog(for: settings.database)
    app.addMigrations()
    try app.configureLocalization()
    try app.loadCountries()
    try app.configureDirectory()
    try app.configureContactCentre(settings: settings)
    try app.configureViews()
    app.configureSessions(servesTLS: settings.servesTLS)
    app.configureRateLimits()
    app.configureMiddleware(settings: settings)
    try app.registerRoutes()
}

extension Application {
    func addMigrations() {
        migrations.add(M001_CreateOrganisations())
        migrations.add(M002_CreatePeople())
        migrations.add(M003_CreateRecoveryCodes())
        migrations.add(M004_CreateAuditEvents())
        migrations.add(M005_CreateSessions())
        migrations.add(M006_CreateHelplines())
        migrations.add(M007_CreateHelplineContactPoints())
        migrations.add(M008_CreateHelplineRevisions())
        migrations.add(M009_CreateContactCentreSettings())
        migrations.add(M010_CreateConversations())
        migrations.add(M011_CreateChatMessages())
        migrations.add(M012_CreateCounsellorPresence())
        migrations.add(M013_CreateRoutingOffers())
        migrations.add(M014_CreateContacts())
        migrations.add(M015_CreateMessagingChannels())
        migrations.add(M016_CreateContactReviews())
        migrations.add(M017_CreateCases())
        migrations.add(M018_CreateContactRollups())
        migrations.add(M019_CreateStatisticalSubmissions())
        migrations.add(M020_CreateObservations())
        migrations.add(M021_AddSubmissionWorkflow())
        migrations.add(M022_CreateSubmissionEvents())
        migrations.add(M023_CreatePublishedObservations())
        migrations.add(M024_CreateOperationsRollups())
        migrations.add(M025_CreateContactMargins())
        migrations.add(M026_CreateContactRecordImports())
        migrations.add(M027_CreateImportedContactMargins())
    }

    func configureViews() throws {
        let views = try CoveResources.directory("Views")
        directory.viewsDirectory = views
        // The default limits refuse any path with a hidden folder in it, and a development
        // build keeps its resources under `.build/`; the sandbox still confines reads to views.
        let files = NIOLeafFiles(fileio: fileio, limits: [.toSandbox, .requireExtensions],
                                 sandboxDirectory: views, viewDirectory: views)
        leaf.sources = .singleSource(files)
        leaf.cache.isEnabled = environment.isRelease
        self.views.use(.leaf)
    }

    func configureSessions(servesTLS: Bool) {
        sessions.use(.fluent)
        sessions.configuration = SessionsConfiguration(cookieName: SessionKeys.cookieName) { id in
            HTTPCookies.Value(string: id.string, path: "/", isSecure: servesTLS, isHTTPOnly: true, sameSite: .strict)
        }
    }

    /// Order matters: errors are rendered around everything, headers go on every response,
    /// and access is decided before any handler or form check runs.
    func configureMiddleware(settings: Settings) {
        middleware = Middlewares()
        middleware.use(MetricsMiddleware())
        middleware.use(SecurityHeadersMiddleware(servesTLS: settings.servesTLS))
        middleware.use(CoveErrorMiddleware())
        middleware.use(BodyLimitMiddleware(maximumBytes: settings.maximumBodyKilobytes * 1024))
        middleware.use(LanguagePrefixMiddleware())
        middleware.use(FileMiddleware(publicDirectory: (try? CoveResources.directory("Public")) ?? "", defaultFile: nil))
        middleware.use(sessions.middleware)
        middleware.use(CurrentPersonMiddleware())
        middleware.use(AccessMiddleware())
        middleware.use(CSRFMiddleware())
    }

    func registerRoutes() throws {
        try register(collection: HealthRoutes())
        try register(collection: MetricsRoutes())
        try register(collection: HomeRoutes())
        try register(collection: SignInRoutes())
        try register(collection: AccountRoutes())
        try register(collection: TwoFactorRoutes())
        try register(collection: PeopleRoutes())
        try register(collection: OrganisationRoutes())
        try register(collection: AuditRoutes())
        try register(collection: HelpAPIRoutes())
        try register(collection: HelpPageRoutes())
        try register(collection: CoverageRoutes())
        try register(collection: DirectoryAdminRoutes())
        try register(collection: DirectoryExchangeRoutes())
        try register(collection: ChildChatRoutes())
        try register(collection: ChatPageRoutes())
        try register(collection: ConsoleRoutes())
        try register(collection: ContactFormRoutes())
        try register(collection: WebhookRoutes())
        try register(collection: SupervisionRoutes())
        try register(collection: CaseRoutes())
        try register(collection: SubmissionRoutes())
        try register(collection: SubmissionAPIRoutes())
        try register(collection: OpenDataRoutes())
        try register(collection: StatisticsPageRoutes())
    }
}
