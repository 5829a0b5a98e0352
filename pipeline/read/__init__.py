"""The read: each document of the drop folder parsed (``pipeline.parse``) and checked (``pipeline.checks``) in a
worker process under a time and a memory limit, gathered into the batches ``pipeline.load`` writes."""
