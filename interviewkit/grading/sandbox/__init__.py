"""The confined process that runs the candidate's code, everything inside it (confinement, guard, the
seam), and the grader's side of the boundary to it. Imports nothing else of the grading package."""
