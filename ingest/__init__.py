"""Ingestion stage: corpus files -> normalised `Document`s -> chunks -> Chroma + BM25 index."""
