using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SupplyGrains.Domain;

namespace SupplyGrains.Silo.Hosting;

/// <summary>Shows an <see cref="IsoWeek"/> in the OpenAPI document as what it is on the wire: a <c>YYYY-Www</c> string.</summary>
public sealed class IsoWeekSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type != typeof(IsoWeek)) return Task.CompletedTask;
        schema.Type = JsonSchemaType.String;
        schema.Pattern = @"^\d{4}-W\d{2}$";
        schema.Properties?.Clear();
        return Task.CompletedTask;
    }
}
