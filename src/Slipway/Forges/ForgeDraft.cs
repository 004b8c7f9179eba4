namespace Slipway.Forges;

/// <summary>A release staged but not public: the forge's id for it, and whether this run created it (only then is it deleted on rollback).</summary>
public sealed record ForgeDraft(string Tag, long Id, bool Created);
