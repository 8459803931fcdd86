package com.redeemupload.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.file.remote.RemoteFileOperations;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a file of the remote SFTP inbox where its local copy went once it was taken: {@code .done/NAME.job-{jobId}.csv},
 * or {@code .failed/NAME.csv} with {@code NAME.csv.reason.txt} beside it, its sidecar along; the conventions of the
 * local inbox, so that whoever sent the file sees on the server what became of it and which job it is.
 * <p>
 * The mirror moves a remote file into {@code .processing/} beside it as soon as it has copied it, so that it is
 * copied once; this moves it on from there. It works on the connection settings of the mirror's own endpoint. A
 * failure here is logged and does not undo the job: the file then stays in {@code .processing/} on the server, until
 * an instance takes the lead of the mirror and {@link #returnUnsettled returns} it to be mirrored again (should the
 * server be unreachable then too, until the lead after that).
 */
public final class RemoteInbox {

    /** Where the mirror puts a remote file it has copied, beside where it was (its move option). */
    private static final String PROCESSING = ".processing";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteInbox.class);
    /** The route that mirrors the remote inbox; also the namespace of its lead among instances. */
    public static final String MIRROR_ROUTE = "sftp-inbox-mirror";

    private final CamelContext context;

    public RemoteInbox(CamelContext context) {
        this.context = context;
    }

    /**
     * @param localPath    the local copy as it was picked up
     * @param relativePath the same, below the local inbox: {@code {orgId}/{seriesId}/NAME.csv}, as on the server
     * @param moveTo       where the local copy goes ({@link FolderIntake#MOVE_TO})
     */
    public void settle(@Header(Exchange.FILE_PATH) String localPath, @Header(Exchange.FILE_NAME) String relativePath,
                       @ExchangeProperty(FolderIntake.MOVE_TO) String moveTo) {
        Path local = Path.of(localPath).toAbsolutePath();
        Path localRoot = rootOf(local, Path.of(relativePath));
        Path target = Path.of(moveTo).toAbsolutePath();
        SftpEndpoint endpoint = mirrorEndpoint();
        String remoteRoot = endpoint.getConfiguration().getDirectory();
        String from = remote(remoteRoot, Path.of(relativePath).resolveSibling(PROCESSING).resolve(local.getFileName()));
        String to = remote(remoteRoot, localRoot.relativize(target));
        try {
            onServer(endpoint, operations -> {
                operations.buildDirectory(parentOf(to), false);
                moveReplacing(operations, from, to);
                if (operations.existsFile(from + ".json")) {
                    moveReplacing(operations, from + ".json", to + ".json");
                }
                Path reason = target.resolveSibling(local.getFileName() + ".reason.txt");
                if (Files.exists(reason)) {
                    Exchange text = new DefaultExchange(context);
                    text.getMessage().setBody(Files.readAllBytes(reason));
                    operations.storeFile(parentOf(to) + "/" + reason.getFileName(), text, Files.size(reason));
                }
            });
            LOG.info("SFTP file {} moved to {} on the server", relativePath, to);
        } catch (Exception e) {
            LOG.warn("Could not move SFTP file {} from {} to {} on the server; it stays there ({})", relativePath, from, to, e.getMessage());
        }
    }

    /**
     * Puts the files an earlier leader left in {@code .processing/} on the server (it stopped between moving a file
     * there and {@link #settle settling} it) back where they were, to be mirrored again: run each time this instance
     * takes the lead. One whose job was made already is that job again (the copy keeps the remote file's time, so the
     * folder intake knows it); one that never became a job becomes one now. A file of the same name waiting in the
     * inbox keeps its place, and the one in {@code .processing/} waits for the next lead.
     */
    public void returnUnsettled() throws Exception {
        SftpEndpoint endpoint = mirrorEndpoint();
        String root = endpoint.getConfiguration().getDirectory();
        onServer(endpoint, operations -> {
            int returned = 0;
            for (String org : ids(folders(operations, remote(root, Path.of(""))))) {
                for (String series : ids(folders(operations, remote(root, Path.of(org))))) {
                    String folder = remote(root, Path.of(org, series));
                    if (!folders(operations, folder).contains(PROCESSING)) {
                        continue;
                    }
                    for (SftpRemoteFile<?> file : operations.listFiles(folder + "/" + PROCESSING)) {
                        if (file.isDirectory()) {
                            continue;
                        }
                        String to = folder + "/" + file.getFilename();
                        if (operations.existsFile(to)) {
                            LOG.warn("SFTP file {} stays in {}/{}: a file of that name waits in the inbox", file.getFilename(), folder, PROCESSING);
                        } else {
                            operations.renameFile(folder + "/" + PROCESSING + "/" + file.getFilename(), to);
                            returned++;
                        }
                    }
                }
            }
            if (returned > 0) {
                LOG.warn("Put {} SFTP file(s) that an earlier leader left in {} back in the remote inbox", returned, PROCESSING);
            }
        });
    }

    private SftpEndpoint mirrorEndpoint() {
        return (SftpEndpoint) context.getRoute(MIRROR_ROUTE).getEndpoint();
    }

    /** Runs {@code work} on a connection of its own to the mirror's server, with the mirror endpoint's settings. */
    private void onServer(SftpEndpoint endpoint, ServerWork work) throws Exception {
        RemoteFileOperations<SftpRemoteFile> operations = endpoint.createRemoteFileOperations();
        try {
            operations.connect(endpoint.getConfiguration(), new DefaultExchange(context));
            work.run(operations);
        } finally {
            try {
                operations.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("Disconnecting from the SFTP server failed", e);
            }
        }
    }

    private interface ServerWork {
        void run(RemoteFileOperations<SftpRemoteFile> operations) throws Exception;
    }

    /** The folder names that are ids: the org and series folders of the layout. */
    private static List<String> ids(List<String> names) {
        return names.stream().filter(name -> name.matches("\\d{1,18}")).toList();
    }

    /** The names of the folders in a remote folder, without . and .. */
    private static List<String> folders(RemoteFileOperations<SftpRemoteFile> operations, String folder) {
        List<String> names = new ArrayList<>();
        for (SftpRemoteFile<?> entry : operations.listFiles(folder)) {
            if (entry.isDirectory() && !entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                names.add(entry.getFilename());
            }
        }
        return names;
    }

    /** SFTP does not rename onto a file: one refused earlier under the same name is replaced, as in the inbox. */
    private static void moveReplacing(RemoteFileOperations<?> operations, String from, String to) {
        if (operations.existsFile(to)) {
            operations.deleteFile(to);
        }
        operations.renameFile(from, to);
    }

    private static Path rootOf(Path local, Path relative) {
        Path root = local;
        for (int i = 0; i < relative.getNameCount(); i++) {
            root = root.getParent();
        }
        return root;
    }

    /** A path on the server: below the remote inbox, with forward slashes whatever this machine uses. */
    private static String remote(String root, Path relative) {
        String path = String.join("/", relative.toString().split("[/\\\\]"));
        return root == null || root.isEmpty() ? path : root.replaceAll("/+$", "") + "/" + path;
    }

    private static String parentOf(String remotePath) {
        return remotePath.substring(0, remotePath.lastIndexOf('/'));
    }
}
