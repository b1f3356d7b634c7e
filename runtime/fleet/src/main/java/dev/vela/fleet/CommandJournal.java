package dev.vela.fleet;

import dev.vela.runtime.store.JsonDoc;
import dev.vela.runtime.store.StoreJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a device agent remembers across restarts so commands are idempotent: the results of the last commands it
 * handled (a repeated id gets the same answer again, without acting twice) and, per model, the sequence number of
 * the last command that changed what the model serves (an older one arriving late is superseded). Saved atomically.
 */
final class CommandJournal {

    private static final int KEEP = 512;

    private final Path file;
    private final LinkedHashMap<String, CommandResult> results = new LinkedHashMap<>();
    private final Map<String, Long> lastSeq = new LinkedHashMap<>();

    private CommandJournal(Path file) {
        this.file = file;
    }

    static CommandJournal open(Path file) throws IOException {
        CommandJournal j = new CommandJournal(file);
        if (Files.isRegularFile(file)) {
            JsonDoc d = JsonDoc.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            for (JsonDoc r : d.objects("results")) {
                CommandResult cr = CommandResult.fromDoc(r);
                j.results.put(cr.commandId(), cr);
            }
            Optional<JsonDoc> seqs = d.object("lastSeq");
            seqs.ifPresent(s -> s.fields().keySet().forEach(k -> j.lastSeq.put(k, s.longValue(k, 0))));
        }
        return j;
    }

    synchronized Optional<CommandResult> resultOf(String commandId) {
        return Optional.ofNullable(results.get(commandId));
    }

    /** @return the seq of the last serving change to the model, or {@code Long.MIN_VALUE} */
    synchronized long lastSeq(String model) {
        return lastSeq.getOrDefault(model == null ? "*" : model, Long.MIN_VALUE);
    }

    synchronized void record(FleetCommand c, CommandResult r) throws IOException {
        results.put(c.id(), r);
        while (results.size() > KEEP) {
            results.remove(results.keySet().iterator().next());
        }
        if (c.type().changesServing() && r.ok()) {
            lastSeq.merge(c.model() == null ? "*" : c.model(), c.seq(), Math::max);
        }
        save();
    }

    synchronized void recordRejection(CommandResult r) throws IOException {
        if (!r.commandId().equals("unknown")) {
            results.put(r.commandId(), r);
            save();
        }
    }

    synchronized List<CommandResult> recent(int n) {
        List<CommandResult> all = new ArrayList<>(results.values());
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    private void save() throws IOException {
        List<Object> rs = new ArrayList<>();
        results.values().forEach(r -> rs.add(r.toMap()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("results", rs);
        root.put("lastSeq", new LinkedHashMap<>(lastSeq));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, StoreJson.write(root), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
