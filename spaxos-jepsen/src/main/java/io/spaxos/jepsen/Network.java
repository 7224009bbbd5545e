package io.spaxos.jepsen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The peer network of a cluster: one {@link TcpProxy} per ordered pair of replicas, each cut on its own. */
final class Network implements AutoCloseable {

    private record Link(int from, int to) {
    }

    private final Map<Link, TcpProxy> proxies;

    private Network(Map<Link, TcpProxy> proxies) {
        this.proxies = proxies;
    }

    static Network start(Ports ports) throws IOException {
        final Map<Link, TcpProxy> proxies = new LinkedHashMap<>();
        try {
            for (final int from : ports.ids()) {
                for (final int to : ports.ids()) {
                    if (from != to) {
                        proxies.put(new Link(from, to),
                                TcpProxy.start(from + "->" + to, ports.proxy(from, to), ports.peer(to)));
                    }
                }
            }
        } catch (IOException e) {
            proxies.values().forEach(TcpProxy::close);
            throw e;
        }
        return new Network(proxies);
    }

    /** Cuts {@code from}'s messages to {@code to}; the other direction is untouched. */
    void cut(int from, int to) {
        proxy(from, to).cut();
    }

    /** Cuts both directions between every replica of {@code side} and every replica outside it. */
    void split(Collection<Integer> side) {
        for (final Map.Entry<Link, TcpProxy> link : proxies.entrySet()) {
            if (side.contains(link.getKey().from()) != side.contains(link.getKey().to())) {
                link.getValue().cut();
            }
        }
    }

    void healAll() {
        proxies.values().forEach(TcpProxy::heal);
    }

    /** The cut links, e.g. {@code "1->2 2->1"}, or {@code "none"}. */
    String describeCuts() {
        final StringJoiner cuts = new StringJoiner(" ");
        proxies.values().stream().filter(TcpProxy::isCut).forEach(p -> cuts.add(p.name()));
        return cuts.length() == 0 ? "none" : cuts.toString();
    }

    List<String> traffic() {
        final List<String> lines = new ArrayList<>();
        proxies.values().forEach(p -> lines.add(p.name() + " " + p.forwardedBytes() + " bytes"));
        return lines;
    }

    private TcpProxy proxy(int from, int to) {
        final TcpProxy proxy = proxies.get(new Link(from, to));
        if (proxy == null) {
            throw new IllegalArgumentException("no link " + from + "->" + to);
        }
        return proxy;
    }

    @Override
    public void close() {
        proxies.values().forEach(TcpProxy::close);
    }
}
