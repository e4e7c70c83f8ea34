using Monitor.ProbeBench;

// probes.sh runs three roles of this one program, each in its own process so that CPU time is per role:
//   serve [https]                  a loopback target (HTTPS with a fresh self-signed certificate); prints its URL,
//                                  runs until stdin closes
//   probe URL COUNT CONCURRENCY    runs COUNT HttpProbe runs against URL; prints CPU and wall figures
//   drive URL COUNT CONCURRENCY    GETs URL (blackbox exporter's /probe) COUNT times; checks probe_success 1
return args switch
{
    ["serve"] => await LoopbackTarget.ServeAsync(https: false),
    ["serve", "https"] => await LoopbackTarget.ServeAsync(https: true),
    ["probe", var url, var count, var concurrency] => await ProbeLoop.RunAsync(new Uri(url), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    ["drive", var url, var count, var concurrency] => await ProbeDriver.RunAsync(new Uri(url), int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Monitor.Bench serve [https] | probe URL COUNT CONCURRENCY | drive URL COUNT CONCURRENCY");
    return 2;
}
