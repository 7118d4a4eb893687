package dev.detour.supervise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Who listens on a TCP port: {@code /proc/net/tcp{,6}} gives the socket inode, {@code /proc/PID/fd} its owner. */
public final class PortOwner {
    private static final String LISTEN = "0A";

    private final Path proc;

    public PortOwner(Path proc) {
        this.proc = proc;
    }

    public static PortOwner system() {
        return new PortOwner(Path.of("/proc"));
    }

    /** True when something accepts connections on {@code 127.0.0.1:port} right now. */
    public static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid of a process listening on {@code port}, when it can be found (other users' sockets often cannot). */
    public OptionalLong pidListeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                inodes.addAll(listeningInodes(Files.readString(proc.resolve(table), StandardCharsets.US_ASCII), port));
            } catch (IOException e) {
                // no IPv6 table on this kernel: nothing to add
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        Set<String> targets = new HashSet<>();
        inodes.forEach(inode -> targets.add("socket:[" + inode + "]"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                if (ownsSocket(dir.resolve("fd"), targets)) {
                    return OptionalLong.of(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The inodes of listening sockets on {@code port} in one {@code /proc/net/tcp}-format table. */
    static Set<String> listeningInodes(String table, int port) {
        Set<String> inodes = new HashSet<>();
        String portHex = String.format("%04X", port);
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) {
                continue;
            }
            String local = f[1];
            int colon = local.lastIndexOf(':');
            if (colon > 0 && local.substring(colon + 1).equalsIgnoreCase(portHex) && LISTEN.equals(f[3])
                    && !"0".equals(f[9])) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private static boolean ownsSocket(Path fdDir, Set<String> targets) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (targets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException closed) {
                    // the descriptor closed while we looked
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // another user's process
        }
        return false;
    }
}
