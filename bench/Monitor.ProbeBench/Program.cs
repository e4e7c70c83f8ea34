using System.Globalization;
using Monitor.ProbeBench;

// probes.sh runs these roles of this one program, each in its own process so that CPU time is per role:
//   serve [https [CAFILE]]           a loopback target (HTTPS with a fresh self-signed certificate, or with one from a
//                                    fresh private CA written to CAFILE); prints its URL, runs until stdin closes
//   probe URL COUNT CONCURRENCY [CAFILE]
//                                    runs COUNT HttpProbe runs against URL (verifying against CAFILE if given, else
//                                    skipping verification); prints CPU and wall figures
//   handshake URL COUNT CONCURRENCY [CAFILE]
//                                    COUNT bare TLS handshakes (no HTTP) against an https URL, set up as the probe's
//                                    handler sets them up; prints CPU and wall figures
//   overhead URL COUNT CONCURRENCY [CAFILE]
//                                    HttpProbe runs and bare handshakes in turns, 200 at a time, in one process: the
//                                    CPU of each, with the load on the machine the same for both
//   drive URL COUNT CONCURRENCY      GETs URL (blackbox exporter's /probe) COUNT times; checks probe_success 1
return args switch
{
    ["serve"] => await LoopbackTarget.ServeAsync(https: false),
    ["serve", "https"] => await LoopbackTarget.ServeAsync(https: true),
    ["serve", "https", var caFile] => await LoopbackTarget.ServeAsync(https: true, Path.GetFullPath(caFile)),
    ["probe", var url, var count, var concurrency] => await ProbeLoop.RunAsync(new Uri(url), Int(count), Int(concurrency)),
    ["probe", var url, var count, var concurrency, var caFile] => await ProbeLoop.RunAsync(new Uri(url), Int(count), Int(concurrency), Path.GetFullPath(caFile)),
    ["handshake", var url, var count, var concurrency] => await HandshakeLoop.RunAsync(new Uri(url), Int(count), Int(concurrency)),
    ["handshake", var url, var count, var concurrency, var caFile] => await HandshakeLoop.RunAsync(new Uri(url), Int(count), Int(concurrency), Path.GetFullPath(caFile)),
    ["overhead", var url, var count, var concurrency] => await OverheadLoop.RunAsync(new Uri(url), Int(count), Int(concurrency), null),
    ["overhead", var url, var count, var concurrency, var caFile] => await OverheadLoop.RunAsync(new Uri(url), Int(count), Int(concurrency), Path.GetFullPath(caFile)),
    ["drive", var url, var count, var concurrency] => await ProbeDriver.RunAsync(new Uri(url), Int(count), Int(concurrency)),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: Monitor.Bench serve [https [CAFILE]] | probe URL COUNT CONCURRENCY [CAFILE] | handshake URL COUNT CONCURRENCY [CAFILE] | overhead URL COUNT CONCURRENCY [CAFILE] | drive URL COUNT CONCURRENCY");
    return 2;
}
