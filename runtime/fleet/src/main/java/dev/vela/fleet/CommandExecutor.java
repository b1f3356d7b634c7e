package dev.vela.fleet;

import dev.vela.runtime.store.DownloadRequest;
import dev.vela.runtime.store.ModelManager;
import dev.vela.runtime.store.ModelMetadata;
import dev.vela.runtime.store.ModelVersion;
import dev.vela.runtime.store.ReloadResult;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Applies one fleet command to a device's {@link ModelManager}; returns what changed or throws why not. */
final class CommandExecutor {

    /** The size limit of a download whose command names none. */
    static final long DEFAULT_MAX_BYTES = 256L << 20;

    private final ModelManager manager;

    CommandExecutor(ModelManager manager) {
        this.manager = manager;
    }

    String execute(FleetCommand c) throws IOException {
        return switch (c.type()) {
            case QUERY -> manager.query().toJson();
            case DOWNLOAD -> download(c);
            case RELOAD ->
                manager.reload(c.model(), ModelVersion.of(c.version()), c.targetApp())
                        .summary();
            case RESET ->
                String.join(
                        "; ",
                        manager.reset(Optional.ofNullable(c.model())).stream()
                                .map(ReloadResult::summary)
                                .toList());
            case REMOVE ->
                "removed "
                        + manager.remove(c.model(), ModelVersion.of(c.version()))
                                .id();
        };
    }

    private String download(FleetCommand c) throws IOException {
        URI url;
        try {
            url = URI.create(c.url());
        } catch (IllegalArgumentException e) {
            throw new MalformedCommandException("command " + c.id() + ": invalid url '" + c.url() + "'");
        }
        DownloadRequest r = new DownloadRequest(
                c.model(),
                ModelVersion.of(c.version()),
                url,
                c.sha256(),
                c.maxBytes() > 0 ? c.maxBytes() : DEFAULT_MAX_BYTES,
                Optional.ofNullable(c.selfTestUrl()).map(URI::create),
                Optional.ofNullable(c.signatureUrl()).map(URI::create),
                List.of(),
                false);
        ModelMetadata m = manager.download(r);
        return "installed " + m.id() + " (" + m.size() + " bytes, sha256 " + m.sha256() + ")";
    }
}
