"""Grading, in three wings that import downwards only: `run` (a grade's life) uses `toolkit` (what
graders use) and `sandbox` (the confined process and the boundary to it); `toolkit` uses `sandbox`;
`sandbox` uses neither. Graders import `interviewkit.grader`, the toolkit's one public face."""
