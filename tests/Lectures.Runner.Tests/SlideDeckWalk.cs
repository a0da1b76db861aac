namespace Lectures.Runner.Tests;

/// <summary>Goes through a slide deck from the first slide to the last with the right arrow key, as a teacher does.</summary>
internal static class SlideDeckWalk
{
    /// <summary>Calls <paramref name="onSlide"/> on each slide (numbered from 1) once its charts are drawn.</summary>
    public static async Task VisitEverySlideAsync(OpenPage page, Func<int, Task> onSlide)
    {
        int slides = await page.EvaluateAsync<int>("document.querySelectorAll('main.deck > section.slide').length");
        await page.Page.Keyboard.PressAsync("Home");
        for (int number = 1; number <= slides; number++)
        {
            if (number > 1)
            {
                await page.Page.Keyboard.PressAsync("ArrowRight");
            }

            string shown = await page.EvaluateAsync<string>("document.querySelector('main.deck > section.slide:not([hidden])').id");
            Assert.Equal($"slide-{number}", shown);
            await page.Page.WaitForFunctionAsync(
                "() => Array.from(document.querySelectorAll('main.deck > section.slide:not([hidden]) figure.chart > div.plot')).every(p => p.querySelector('svg.main-svg'))",
                new PuppeteerSharp.WaitForFunctionOptions { Timeout = 10_000, PollingInterval = 50 });
            await onSlide(number);
        }
    }
}
