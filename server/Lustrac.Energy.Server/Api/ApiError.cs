using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api;

/// <summary>The body of every refusal: one sentence saying what is wrong and, where it helps, what is accepted.</summary>
public sealed record ApiError([property: JsonPropertyName("error")] string Error);

public static class ApiErrors
{
    public static BadRequest<ApiError> BadRequest(string message) => TypedResults.BadRequest(new ApiError(message));

    public static NotFound<ApiError> NotFound(string message) => TypedResults.NotFound(new ApiError(message));
}
