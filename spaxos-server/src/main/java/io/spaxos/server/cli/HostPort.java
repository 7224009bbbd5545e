package io.spaxos.server.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine;

/** Parses {@code ip:port} arguments with a clear message. */
final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        final int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new CommandLine.TypeConversionException("expected ip:port, got '" + value + "'");
        }
        final String host = value.substring(0, colon);
        final int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("port in '" + value + "' is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new CommandLine.TypeConversionException("port " + port + " is outside 1..65535");
        }
        return new InetSocketAddress(host, port);
    }
}
