using FluxSpecs.Cli;
using FluxSpecs.Models;

return await CliApp.RunAsync(args, Console.Out, Console.Error, Console.In, ModelCatalog.Models);
