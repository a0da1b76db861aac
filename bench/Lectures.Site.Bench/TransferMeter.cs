using PuppeteerSharp;

namespace Lectures.Site.Bench;

/// <summary>
/// The bytes a page and its workers received over the network (compressed, headers included), from
/// their Resource Timing entries (a worker's requests are not the page's, so both are asked).
/// </summary>
internal sealed class TransferMeter(IPage page)
{
    private const string Entries = "performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))";

    public static Task<TransferMeter> StartAsync(IPage page) => Task.FromResult(new TransferMeter(page));

    public async Task<long> BytesAsync() => (long)await SumAsync($"{Entries}.reduce((s, e) => s + e.transferSize, 0)");

    public async Task<int> RequestsAsync() => (int)await SumAsync($"{Entries}.filter(e => e.transferSize > 0).length");

    private async Task<double> SumAsync(string expression)
    {
        double sum = await page.EvaluateExpressionAsync<double>(expression);
        foreach (WebWorker worker in page.Workers)
        {
            sum += await worker.EvaluateExpressionAsync<double>(expression);
        }

        return sum;
    }
}
