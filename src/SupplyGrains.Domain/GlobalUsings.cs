// The serialization attributes ([GenerateSerializer], [Immutable], [Alias]) live in this namespace; nothing else of it is used here.
global using Orleans;
