"""The article's Figure 1 as a preset: the pig, aimed at "airliner" within η = 0.005.

The article shows a pig that a network calls "airliner" at 99 % after noise of
η = 0.005. The preset runs targeted PGD towards airliner with a goal confidence (keep
going after the label flips until airliner reaches `GOAL`) and the 8-bit projection
(every step on whole grey levels, so the saved PNG is exactly the image that was
attacked). At η = 0.005 that leaves each value ±1 grey level (0.005 × 255 = 1.3), and
Lite0 does not reach 90 % there within the budget; the preset says so, and can look
for the smallest whole number of grey levels at which it does (`run_article_preset`'s
``find_eta``). `ArticlePresetResult.summary` is the honest sentence to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch

from advlab.core import images as img
from advlab.core.attacks.base import AttackResult, AttackState, NullState
from advlab.core.attacks.iterative import pgd
from advlab.core.labels import label_of
from advlab.core.predict import Prediction, predict
from advlab.core.samples import sample_path

#: The article's picture, its model and its target.
IMAGE = "pig.jpg"
MODEL = "lite0"
TARGET = 404  # airliner
#: The article's noise size, in [0, 1] pixel units (1.3 of 255 grey levels).
ETA = 0.005
#: The airliner probability the preset asks for.
GOAL = 0.9
#: The budget of each run: PGD steps of ``ALPHA`` from the clean image.
STEPS = 100
ALPHA = 0.002
#: The sizes tried, in whole grey levels (k/255), when looking for the η that reaches the goal.
LEVELS = (2, 3, 4, 6, 8)


def article_image(size: int = 224, interpolation: str = "bicubic",
                  crop_pct: float = 1.0) -> torch.Tensor:
    """The pig as a model of input ``size`` sees it: (1, 3, size, size) in [0, 1], 8-bit."""
    rgb = img.fit_to_model(img.load_image(sample_path(IMAGE)), size, interpolation, crop_pct)
    return img.to_tensor(rgb).unsqueeze(0)


@dataclass
class ArticlePresetResult:
    """What the preset got. ``result`` is the run at ``eta``; probabilities are in [0, 1]
    and are those of the 8-bit adversarial (what its PNG holds). ``eta_needed`` is the
    smallest η tried (k/255) whose run reached the goal, None if none did or none were
    tried; ``tried`` lists every run as (η, the target's probability)."""

    result: AttackResult
    eta: float
    goal: float
    target: int
    clean_prediction: Prediction
    adversarial_prediction: Prediction
    target_prob: float
    reached: bool
    eta_needed: float | None = None
    target_prob_needed: float | None = None
    tried: list[tuple[float, float]] = field(default_factory=list)

    def summary_parts(self) -> tuple[str, dict[str, Any]]:
        """The honest sentence as an English template and its values (for translation)."""
        values = {"target": label_of(self.target), "eta": self.eta, "goal": self.goal * 100,
                  "prob": self.target_prob * 100, "top": self.adversarial_prediction.label,
                  "top_prob": self.adversarial_prediction.prob * 100}
        if self.reached:
            return ("At η = {eta:g} the pig became '{target}' at {prob:.0f} %, past the goal "
                    "of {goal:.0f} %.", values)
        if self.eta_needed is not None:
            values.update(eta_needed=self.eta_needed, levels=round(self.eta_needed * 255),
                          prob_needed=(self.target_prob_needed or 0.0) * 100)
            return ("At η = {eta:g} '{target}' reached {prob:.0f} % (the model says '{top}' "
                    "at {top_prob:.0f} %), short of the goal of {goal:.0f} %; at η = "
                    "{eta_needed:.4f} ({levels} grey levels) it reaches {prob_needed:.0f} %.",
                    values)
        if self.tried and len(self.tried) > 1:
            values.update(eta_max=max(e for e, _ in self.tried))
            return ("At η = {eta:g} '{target}' reached {prob:.0f} % (the model says '{top}' "
                    "at {top_prob:.0f} %), short of the goal of {goal:.0f} %, and no η up to "
                    "{eta_max:.4f} reached it with this budget.", values)
        return ("At η = {eta:g} '{target}' reached {prob:.0f} % (the model says '{top}' at "
                "{top_prob:.0f} %), short of the goal of {goal:.0f} %.", values)

    @property
    def summary(self) -> str:
        template, values = self.summary_parts()
        return template.format(**values)


def _attack(model: torch.nn.Module, clean: torch.Tensor, label: int, eta: float, goal: float,
            steps: int, alpha: float, state: AttackState) -> tuple[AttackResult, Prediction, float]:
    device = clean.device
    result = pgd(model, clean, torch.tensor([label], device=device), eps=eta, alpha=alpha,
                 steps=steps, random_start=False, targets=torch.tensor([TARGET], device=device),
                 state=state, goal=goal, eight_bit=True)
    adversarial = img.quantize(result.adversarial[:1])  # already on the levels: unchanged
    with torch.no_grad():
        probs = torch.softmax(model(adversarial).float(), dim=1)[0]
    return result, predict(model, adversarial)[0], float(probs[TARGET])


def run_article_preset(model: torch.nn.Module, clean: torch.Tensor | None = None,
                       state: AttackState | None = None, eta: float = ETA, goal: float = GOAL,
                       steps: int = STEPS, alpha: float = ALPHA, find_eta: bool = False,
                       levels: tuple[int, ...] = LEVELS) -> ArticlePresetResult:
    """Targeted PGD from the clean pig (``clean``, or `article_image` at the model's size)
    towards airliner within ``eta``, on whole grey levels, until airliner has ``goal`` or
    ``steps`` run out. With ``find_eta``, if the goal is not reached, the same run at
    η = k/255 for each k in ``levels`` above ``eta``, stopping at the first that reaches it.
    Cancelling (``state``) stops after the run in progress."""
    state = state or NullState()
    if clean is None:
        spec = getattr(model, "spec", None)
        clean = article_image(*(() if spec is None else
                                (spec.input_size, spec.interpolation, spec.crop_pct)))
        device = getattr(model, "device", torch.device("cpu"))
        clean = clean.to(device)
    clean_prediction = predict(model, clean)[0]
    result, adversarial_prediction, prob = _attack(model, clean, clean_prediction.index, eta,
                                                   goal, steps, alpha, state)
    preset = ArticlePresetResult(result, eta, goal, TARGET, clean_prediction,
                                 adversarial_prediction, prob, prob >= goal
                                 and adversarial_prediction.index == TARGET,
                                 tried=[(eta, prob)])
    if preset.reached or not find_eta or result.cancelled:
        return preset
    for k in levels:
        larger = k / 255
        if larger <= eta or state.cancelled():
            continue
        run, prediction, p = _attack(model, clean, clean_prediction.index, larger, goal, steps,
                                     alpha, state)
        preset.tried.append((larger, p))
        if p >= goal and prediction.index == TARGET:
            preset.eta_needed, preset.target_prob_needed = larger, p
            break
        if run.cancelled:
            break
    return preset
