"""Interview competencies: lint that each one has questions for the interview guide to ask.

A competency marked ``interview: true`` leaves the score (scoring/score.py); the guide
(outputs/interview_guide.py) asks its ``questions``. One without any would leave HR with a label and
nothing to ask, so `screener profiles lint` fails it.
"""

import yaml

from job_profiles.profile import JobProfile, _yaml_line


def unasked_competencies(profile: JobProfile, text: str, origin: str) -> list[str]:
    """One line per interview competency without questions, with the file and the line of the requirement."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return [
        f"{origin}:{_yaml_line(root, ('requirements', i))}: interview competency {req.id!r} has no questions "
        f"(requirements.{i}.questions)\n    fix: add two or three `questions:` ({{zh: ..., en: ...}}) in the job description's words"
        for i, req in enumerate(profile.requirements)
        if req.interview and not req.questions
    ]
