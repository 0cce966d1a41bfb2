"""Read command output the way an expert would: name the cause, the evidence lines and the runbook section.

`analyze_outputs` (pasted or saved output, `runbook diagnose` and `runbook run`) and `triage` (live objects of a
namespace, `runbook triage`) share one matcher over the signature table (`signatures`) and the object analyzers in
`objects`.
"""

from .causes import CauseFinding
from .diagnose import analyze_outputs

__all__ = ["CauseFinding", "analyze_outputs"]
