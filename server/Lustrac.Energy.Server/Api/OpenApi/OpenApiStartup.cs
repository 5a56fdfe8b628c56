using Microsoft.AspNetCore.OpenApi;

namespace Lustrac.Energy.Server.Api.OpenApi;

/// <summary>The OpenAPI description of the whole HTTP API at /openapi/v1.json, each operation with its privacy rule.</summary>
public static class OpenApiStartup
{
    public const string PrivacyExtension = "x-lustrac-privacy";

    public static IServiceCollection AddLustracOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Lustrac.Energy HTTP API";
                document.Info.Description = "Live values, delivery diagnostics, autonomy figures, water, compost and the wall screen. " +
                    "Tokens: Authorization: Bearer <token> (or ?token=); each operation states its privacy rule.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var description = context.Description;
                var route = "/" + (description.RelativePath ?? "").TrimStart('/');
                var rule = EndpointPrivacy.RuleOf(description.HttpMethod ?? "GET", route.Split('?')[0],
                    [.. description.ActionDescriptor.EndpointMetadata], description.ParameterDescriptions.Select(p => p.Name));
                operation.Description = $"Privacy: {rule}.";
                operation.Extensions ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiExtension>();
                operation.Extensions[PrivacyExtension] = new Microsoft.OpenApi.JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(rule));
                return Task.CompletedTask;
            });
        });
}
