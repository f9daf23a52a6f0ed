using SupplyGrains.Domain;

// The domain records carry Orleans' serialization attributes but the domain project runs no code generator (it must
// stay free of Orleans code); this asks the generator here to emit their serializers.
[assembly: GenerateCodeForDeclaringAssembly(typeof(IsoWeek))]
