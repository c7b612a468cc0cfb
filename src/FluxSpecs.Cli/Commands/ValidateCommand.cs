using System.CommandLine;
using FluxSpecs.Cli.Output;

namespace FluxSpecs.Cli.Commands;

/// <summary><c>fluxspecs validate --model &lt;id&gt; [--provider &lt;id&gt;] (--request … | --set …) [--json]</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider("Also check the provider's narrower rules.");
        var request = CommonOptions.Request();
        var set = CommonOptions.Set();
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check a request against a model's rules (and a provider's); exit 2 when it breaks any.") { model, provider, request, set, json };
        command.SetAction(result => Guard.RunAsync(context, () =>
        {
            var descriptor = context.Model(result.GetValue(model)!);
            var providerId = result.GetValue(provider);
            var providerDescriptor = providerId is not null && providerId != ProviderIds.Local ? CliContext.Provider(descriptor, providerId) : null;
            var modelRequest = context.ReadRequest(descriptor, result.GetValue(request), result.GetValue(set) ?? [], provider: providerDescriptor);
            var validation = providerId is null ? modelRequest.Validate() : modelRequest.Validate(providerId);
            if (result.GetValue(json))
            {
                JsonOut.Write(context.Out, writer => JsonOut.Validation(writer, validation, context.Secrets));
                foreach (var warning in validation.Warnings)
                {
                    context.Error.WriteLine("warning: " + context.Secrets.Redact(warning));
                }
            }
            else
            {
                Human.Violations(context.Out, validation, context.Secrets);
            }

            return Task.FromResult(validation.IsValid ? ExitCodes.Success : ExitCodes.InvalidRequestOrUsage);
        }));
        return command;
    }
}
