using System.Net;
using System.Net.Sockets;

namespace Monitor.Hosting;

/// <summary>
/// Finds a listen port already in use before anything starts, so that <c>run</c> says so in one line. Without it the
/// bind fails after the background services have started, and their cancelled loops log kilobytes of stack traces. The
/// server's own bind stays the real check (another process may take the port in between).
/// </summary>
internal static class ListenAddressCheck
{
    /// <summary>Null when the port of <paramref name="listen"/> (an http URL) can be bound now, else why not.</summary>
    public static string? Problem(string listen)
    {
        if (!Uri.TryCreate(listen.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var url) || url.Port == 0)
        {
            return null;
        }

        var address = url.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) ? ip : null;
        if (address is null)
        {
            return null;
        }

        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, url.Port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"{listen} (monitor:web:listen) is already in use by another program";
        }
        catch (SocketException e)
        {
            return $"{listen} (monitor:web:listen) cannot be bound: {e.Message}";
        }
    }
}
