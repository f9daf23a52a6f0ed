using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Customers;

namespace SupplyGrains.Domain.Tests;

public class EnumNamesTests
{
    [Fact]
    public void Of_GivesWhatToStringGives_ForEveryValue()
    {
        Assert.All(Enum.GetValues<EntityType>(), v => Assert.Equal(v.ToString(), EnumNames<EntityType>.Of(v)));
        Assert.All(Enum.GetValues<Gate>(), v => Assert.Equal(v.ToString(), EnumNames<Gate>.Of(v)));
        Assert.Equal("99", EnumNames<Gate>.Of((Gate)99));
    }

    [Fact]
    public void Of_ADefinedValue_DoesNotAllocate()
    {
        // ToString() on an enum boxes it; the gates name several enums for every order.
        var name = EnumNames<EntityType>.Of(EntityType.Reseller);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++) name = EnumNames<EntityType>.Of(EntityType.Reseller);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("Reseller", name);
        Assert.Equal(0, allocated);
    }
}
