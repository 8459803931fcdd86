package com.redeemupload;

import com.redeemupload.api.ApiResponses;
import com.redeemupload.api.Authenticate;
import com.redeemupload.api.AuthenticateAdmin;
import com.redeemupload.api.HttpLimits;
import com.redeemupload.api.RequireJson;
import com.redeemupload.api.RouterHandlers;
import com.redeemupload.db.Database;
import com.redeemupload.db.DatabaseHealth;
import com.redeemupload.db.DatabaseSettings;
import com.redeemupload.db.EmbeddedPostgresWatchdog;
import com.redeemupload.db.PostgresClusterService;
import com.redeemupload.files.FileStore;
import com.redeemupload.files.OwnerOnly;
import com.redeemupload.intake.FolderIntake;
import com.redeemupload.intake.InboxLocks;
import com.redeemupload.intake.Outbox;
import com.redeemupload.intake.RemoteInbox;
import com.redeemupload.intake.RouteSubmissions;
import com.redeemupload.intake.SftpMirrorHealth;
import com.redeemupload.intake.SftpPassword;
import com.redeemupload.job.JobLifecycle;
import com.redeemupload.job.JobQueries;
import com.redeemupload.job.JobView;
import com.redeemupload.job.Jobs;
import com.redeemupload.pipeline.JobRows;
import com.redeemupload.pipeline.ResultFiles;
import com.redeemupload.pipeline.RowChecks;
import com.redeemupload.pipeline.RowDecisions;
import com.redeemupload.pipeline.StagingTable;
import com.redeemupload.registry.Coupons;
import com.redeemupload.registry.Customers;
import com.redeemupload.registry.FirstOrg;
import com.redeemupload.registry.Orgs;
import com.redeemupload.registry.RedemptionHistory;
import com.redeemupload.registry.RegistryApi;
import com.redeemupload.registry.SeriesStore;
import com.redeemupload.upload.Submissions;
import com.redeemupload.upload.UploadForm;
import com.redeemupload.upload.UploadLeftovers;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.Registry;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Makes the beans the routes call, from the {@code redeem.*} properties (each documented in
 * config/application.properties). The database is started here, before any route, so migrations have run first.
 */
@Configuration
public class ServiceConfiguration implements CamelConfiguration {

    @PropertyInject(value = "redeem.db.url", defaultValue = "")
    private String dbUrl;
    @PropertyInject(value = "redeem.db.user", defaultValue = "postgres")
    private String dbUser;
    @PropertyInject(value = "redeem.db.password", defaultValue = "")
    private String dbPassword;
    @PropertyInject(value = "redeem.db.pool-size", defaultValue = "20")
    private int dbPoolSize;
    @PropertyInject(value = "redeem.db.embedded.data-dir", defaultValue = "data/postgres")
    private String embeddedDataDir;
    @PropertyInject(value = "redeem.db.embedded.port", defaultValue = "54320")
    private int embeddedPort;
    @PropertyInject(value = "redeem.db.connect-timeout-ms", defaultValue = "3000")
    private long dbConnectTimeoutMs;
    @PropertyInject(value = "redeem.db.embedded.watchdog-ms", defaultValue = "2000")
    private long embeddedWatchdogMs;
    @PropertyInject(value = "redeem.files.dir", defaultValue = "data/files")
    private String filesDir;
    @PropertyInject(value = "redeem.http.public-url", defaultValue = "http://localhost:8080")
    private String publicUrl;
    @PropertyInject(value = "camel.server.maxBodySize", defaultValue = "10737418240")
    private long maxBodySize;
    @PropertyInject(value = "redeem.http.unfinished-upload-grace-ms", defaultValue = "30000")
    private long unfinishedUploadGraceMs;
    @PropertyInject(value = "redeem.http.stalled-body-timeout-ms", defaultValue = "60000")
    private long stalledBodyTimeoutMs;
    @PropertyInject(value = "redeem.http.max-json-body", defaultValue = "33554432")
    private long maxJsonBody;
    @PropertyInject(value = "redeem.http.max-form-field-bytes", defaultValue = "65536")
    private int maxFormFieldBytes;
    @PropertyInject(value = "redeem.http.max-form-fields", defaultValue = "32")
    private int maxFormFields;
    @PropertyInject(value = "redeem.http.idle-timeout-ms", defaultValue = "60000")
    private long idleTimeoutMs;
    @PropertyInject(value = "redeem.details.max-length", defaultValue = "2000")
    private int maxDetailsLength;
    @PropertyInject(value = "camel.server.fileUploadDirectory", defaultValue = "data/uploads")
    private String fileUploadDirectory;
    @PropertyInject(value = "redeem.http.upload-leftover-hours", defaultValue = "6")
    private long uploadLeftoverHours;
    @PropertyInject(value = "redeem.admin.token", defaultValue = "")
    private String adminToken;
    @PropertyInject(value = "redeem.bootstrap.first-org", defaultValue = "true")
    private boolean bootstrapFirstOrg;
    @PropertyInject(value = "redeem.bootstrap.api-key-file", defaultValue = "data/first-api-key.txt")
    private String firstApiKeyFile;
    @PropertyInject(value = "redeem.registry.max-batch", defaultValue = "100000")
    private int registryMaxBatch;
    @PropertyInject(value = "redeem.jobs.max-attempts", defaultValue = "3")
    private int maxAttempts;
    @PropertyInject(value = "redeem.jobs.chunk-size", defaultValue = "5000")
    private int chunkSize;
    @PropertyInject(value = "redeem.jobs.work-mem", defaultValue = "256MB")
    private String workMem;
    @PropertyInject(value = "redeem.csv.max-line-length", defaultValue = "65536")
    private int maxLineLength;
    @PropertyInject(value = "redeem.csv.max-column-index", defaultValue = "1000")
    private int maxColumnIndex;
    @PropertyInject(value = "redeem.rules.future-tolerance-ms", defaultValue = "300000")
    private long futureToleranceMs;
    @PropertyInject(value = "redeem.staging.keep-hours", defaultValue = "168")
    private long stagingKeepHours;
    @PropertyInject(value = "redeem.inbox.lock-max-age-ms", defaultValue = "60000")
    private long inboxLockMaxAgeMs;
    @PropertyInject(value = "redeem.inbox.max-sidecar-bytes", defaultValue = "65536")
    private int maxSidecarBytes;
    @PropertyInject(value = "redeem.sftp.enabled", defaultValue = "false")
    private boolean sftpEnabled;
    @PropertyInject(value = "redeem.sftp.local-dir", defaultValue = "data/sftp")
    private String sftpLocalDir;
    @PropertyInject(value = "redeem.cluster.check-ms", defaultValue = "5000")
    private long clusterCheckMs;

    @Override
    public void configure(CamelContext context) throws Exception {
        context.getManagementStrategy().addEventNotifier(new OutOfMemoryExit().install());   // never half-alive
        context.getCamelContextExtension().registerEndpointCallback(new SftpPassword(context));   // before routes make endpoints
        Database database = new Database(new DatabaseSettings(dbUrl, dbUser, dbPassword, dbPoolSize, embeddedDataDir,
                embeddedPort, dbConnectTimeoutMs));
        database.start();
        context.addService(database, true, false);
        context.addService(new EmbeddedPostgresWatchdog(database, Duration.ofMillis(embeddedWatchdogMs)), true, false);
        context.getRegistry().bind("databaseHealth", new DatabaseHealth(database::openSession, Duration.ofMillis(dbConnectTimeoutMs)));
        DataSource dataSource = database.dataSource();

        Orgs orgs = new Orgs(dataSource);
        if (bootstrapFirstOrg && database.isEmbedded()) {
            FirstOrg.createIfNone(orgs, Path.of(firstApiKeyFile));
        }
        SeriesStore series = new SeriesStore(dataSource);
        Jobs jobs = new Jobs(dataSource);
        // the folders of customers' files, the service's user's only (on a POSIX file system)
        OwnerOnly.ownFolder(Path.of(filesDir));
        OwnerOnly.ownFolder(Path.of(fileUploadDirectory));
        if (sftpEnabled) {
            OwnerOnly.ownFolder(Path.of(sftpLocalDir));
        }
        FileStore files = new FileStore(Path.of(filesDir));
        JobView jobView = new JobView(publicUrl);
        JobRows jobRows = new JobRows(files, chunkSize, maxLineLength, futureToleranceMs);

        Registry registry = context.getRegistry();
        registry.bind("dataSource", dataSource);
        // API
        registry.bind("authenticate", new Authenticate(orgs));
        registry.bind("authenticateAdmin", new AuthenticateAdmin(adminToken));
        registry.bind("apiResponses", new ApiResponses());
        registry.bind("requireJson", new RequireJson());
        registry.bind("registryApi", new RegistryApi(orgs, series, new Customers(dataSource), new Coupons(dataSource),
                new RedemptionHistory(dataSource), registryMaxBatch));
        // intake and jobs
        registry.bind("uploadForm", new UploadForm(maxLineLength, maxColumnIndex, maxDetailsLength));
        registry.bind("submissions", new Submissions(series, jobs, files));
        registry.bind("uploadLeftovers", new UploadLeftovers(Path.of(fileUploadDirectory), Duration.ofHours(uploadLeftoverHours)));
        registry.bind("jobView", jobView);
        registry.bind("jobQueries", new JobQueries(jobs, series, jobView, files));
        registry.bind("jobLifecycle", new JobLifecycle(dataSource, maxAttempts));
        // the pipeline's stages
        registry.bind("stagingTable", new StagingTable(dataSource, stagingKeepHours));
        registry.bind("jobRows", jobRows);
        registry.bind("rowChecks", new RowChecks());
        RowDecisions rowDecisions = new RowDecisions(dataSource, series, workMem);
        registry.bind("rowDecisions", rowDecisions);
        registry.bind("resultFiles", new ResultFiles(dataSource, files, jobRows, rowDecisions, workMem));

        // other ways in: watched folders (inbox, SFTP mirror) and other routes
        Submissions submissions = registry.lookupByNameAndType("submissions", Submissions.class);
        registry.bind("folderIntake", new FolderIntake(orgs, series, submissions, maxLineLength, maxColumnIndex,
                maxSidecarBytes));
        registry.bind("routeSubmissions", new RouteSubmissions(submissions, Path.of(filesDir, "incoming"), maxLineLength,
                maxColumnIndex));
        registry.bind("outbox", new Outbox(files));
        registry.bind("remoteInbox", new RemoteInbox(context));
        InboxLocks inboxLocks = new InboxLocks(dataSource, inboxLockMaxAgeMs);
        context.addService(inboxLocks, true, false);
        registry.bind("inboxLocks", inboxLocks);
        // what one instance at a time may do, the SFTP mirror, is led through the database
        context.addService(new PostgresClusterService(database::openSession, Duration.ofMillis(clusterCheckMs)), true, false);
        registry.bind("sftpMirrorLeadership", ClusteredRoutePolicy.forNamespace(context, RemoteInbox.MIRROR_ROUTE));
        registry.bind("sftpMirrorHealth", new SftpMirrorHealth(context));

        context.addStartupListener(new RouterHandlers(new HttpLimits(maxBodySize, maxJsonBody, maxFormFieldBytes, maxFormFields,
                unfinishedUploadGraceMs, stalledBodyTimeoutMs, idleTimeoutMs), orgs, adminToken));
    }

}
