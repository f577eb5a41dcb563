"""Tools for kata authors: `kit dev new` scaffolds a kata, `kit dev check` proves it (reference,
stub, proofs, tolerance margins, mutation score). kit's own tests call the same code."""
