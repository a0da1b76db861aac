using System.Text.Json;
using PuppeteerSharp;

namespace Lectures.Site.Bench;

/// <summary>Counts the bytes a page received over the network (compressed, as sent), from the DevTools protocol.</summary>
internal sealed class TransferMeter
{
    private long _bytes;
    private int _requests;

    public long Bytes => Interlocked.Read(ref _bytes);

    public int Requests => _requests;

    public static async Task<TransferMeter> StartAsync(IPage page)
    {
        var meter = new TransferMeter();
        ICDPSession session = await page.CreateCDPSessionAsync();
        session.MessageReceived += (_, e) =>
        {
            if (e.MessageID == "Network.loadingFinished" && e.MessageData is JsonElement data && data.TryGetProperty("encodedDataLength", out JsonElement length))
            {
                Interlocked.Add(ref meter._bytes, (long)length.GetDouble());
                Interlocked.Increment(ref meter._requests);
            }
        };
        await session.SendAsync("Network.enable");
        return meter;
    }
}
