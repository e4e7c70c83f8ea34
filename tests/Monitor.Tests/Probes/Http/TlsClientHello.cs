using System.Buffers.Binary;

namespace Monitor.Tests.Probes.Http;

/// <summary>Reads the extensions of a TLS ClientHello record (RFC 8446 4.1.2), enough to see what a client offered.</summary>
internal static class TlsClientHello
{
    private const ushort SessionTicket = 35;
    private const ushort PreSharedKey = 41;

    /// <summary>
    /// Whether the client asked to resume an earlier session: a TLS 1.3 pre-shared key, or a non-empty TLS 1.2
    /// session ticket. (TLS 1.3 clients send a random legacy session id every time, so that field tells nothing.)
    /// </summary>
    public static bool OffersResumption(byte[] record) =>
        Extensions(record).Any(e => e.Type == PreSharedKey || (e.Type == SessionTicket && e.Length > 0));

    private static List<(ushort Type, int Length)> Extensions(byte[] record)
    {
        var hello = record.AsSpan(5 + 4); // record header, handshake header
        var at = 2 + 32; // legacy_version, random
        at += 1 + hello[at]; // legacy_session_id
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[at..]); // cipher_suites
        at += 1 + hello[at]; // legacy_compression_methods
        var end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[at..]);
        at += 2;
        var found = new List<(ushort, int)>();
        while (at + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(hello[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(hello[(at + 2)..]);
            found.Add((type, length));
            at += 4 + length;
        }

        return found;
    }
}
