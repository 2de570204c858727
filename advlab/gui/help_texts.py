"""Plain-language help for every attack and control, written for a 16-year-old.

Each topic has a title, an explanation of two to four sentences and one thing to try.
The English source strings are marked with ``QT_TRANSLATE_NOOP("help", ...)`` so that
pyside6-lupdate collects them; `help_title`, `help_text` and `help_try` translate them
when they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from advlab.core.errors import ParameterError

CONTEXT = "help"


@dataclass(frozen=True)
class HelpTopic:
    """English source strings of one topic: ``title``, ``text`` (2–4 sentences), ``try_this``."""

    title: str
    text: str
    try_this: str


#: The lab's controls, in the order the help panel lists them.
CONTROL_TOPICS: dict[str, HelpTopic] = {
    "overview": HelpTopic(
        QT_TRANSLATE_NOOP("help", "What is this lab?"),
        QT_TRANSLATE_NOOP("help",
            "A neural network looks at a photo and says what is in it. This lab shows that a "
            "change far too small for you to see can make it give a completely wrong answer. "
            "On the left is the original photo, in the middle the change (made visible), and "
            "on the right the changed photo with the network's new answer."),
        QT_TRANSLATE_NOOP("help", "Slide η slowly from 0 and watch the bars on the right.")),
    "eta": HelpTopic(
        QT_TRANSLATE_NOOP("help", "η: the size of the change"),
        QT_TRANSLATE_NOOP("help",
            "η (eta) says how much every colour value of every pixel may change. Colours go "
            "from 0 to 255 steps, so η = 0.005 is about 1.3 steps: far too little for your "
            "eyes. The trick is that all 150 528 numbers of the photo change at once."),
        QT_TRANSLATE_NOOP("help",
            "Find the smallest η at which the network changes its mind.")),
    "direction": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Direction: which way each pixel moves"),
        QT_TRANSLATE_NOOP("help",
            "Every colour value moves up or down by η; the direction decides which. FGSM asks "
            "the network itself which way hurts its answer most, while random noise flips a "
            "coin for every value. Same size of change, very different effect: it is the "
            "direction that fools the network."),
        QT_TRANSLATE_NOOP("help",
            "Set η = 0.005 and switch between FGSM and random noise.")),
    "target": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Target: choose the wrong answer"),
        QT_TRANSLATE_NOOP("help",
            "Without a target the attack is happy with any wrong answer. With a target, for "
            "example “airliner”, it pushes the photo towards that one class. This is harder, "
            "so it usually needs a larger η or more steps."),
        QT_TRANSLATE_NOOP("help",
            "Type “airliner” as the target and see how large η must become.")),
    "pixels": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Pixel editing"),
        QT_TRANSLATE_NOOP("help",
            "Click one pixel to see its colour values, the gradient (how much each value "
            "matters to the answer) and what FGSM would do to it. You can also give pixels a "
            "new colour yourself and see at once what the network now says. Undo takes every "
            "change back."),
        QT_TRANSLATE_NOOP("help",
            "Switch on “Gradient map” (it shows where the gradient is large) and change a "
            "bright pixel.")),
    "results": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Results"),
        QT_TRANSLATE_NOOP("help",
            "Every attack you run is kept here with its answer, how large its change was and "
            "how long it took. Click a result to show it in the three panes again. L0 counts "
            "the changed pixels, L∞ is the largest change of one value and L2 is the total "
            "length of the change."),
        QT_TRANSLATE_NOOP("help",
            "Run FGSM and the one-pixel attack, then compare their L0 and L∞.")),
    "compare": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Compare noise maps"),
        QT_TRANSLATE_NOOP("help",
            "Shows the changes of several results side by side, made visible. Grey means no "
            "change, colours show where and how the pixels moved. Different attacks leave "
            "very different patterns, yet all of them fool the network."),
        QT_TRANSLATE_NOOP("help",
            "Select three results with Ctrl and choose Compare.")),
    "sweep": HelpTopic(
        QT_TRANSLATE_NOOP("help", "η sweep"),
        QT_TRANSLATE_NOOP("help",
            "Tries many values of η along one direction and draws how sure the network is of "
            "each class. The dashed line marks where the answer flips. Drag the cursor to set "
            "η on the slider."),
        QT_TRANSLATE_NOOP("help",
            "Compare the flip point of FGSM with that of random noise.")),
    "transfer": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Transfer to another model"),
        QT_TRANSLATE_NOOP("help",
            "Takes a changed photo made for one network and shows it to other networks. "
            "Often they are fooled too, even though the attack never looked inside them. "
            "This is how an attacker can fool a network they cannot see."),
        QT_TRANSLATE_NOOP("help",
            "Attack with MI-FGSM on Lite0, then test the result on Lite1 and Lite2.")),
    "black_box": HelpTopic(
        QT_TRANSLATE_NOOP("help", "White-box and black-box"),
        QT_TRANSLATE_NOOP("help",
            "In white-box mode you may look inside the network and use its gradients, like "
            "its makers can. In black-box mode you may only show it photos and read its "
            "answers, like a user of an app. Only attacks that ask questions remain, and the "
            "counter shows how many questions they needed."),
        QT_TRANSLATE_NOOP("help",
            "Switch on black-box mode and fool the network with the Square attack.")),
    "linear_view": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Why does this work?"),
        QT_TRANSLATE_NOOP("help",
            "If a network behaved like a straight line, moving each of its n inputs by η in "
            "the right direction would change its score by η · m · n, where m is how much one "
            "input matters on average. The dashed line is that prediction and the solid line "
            "is what the network really does. Because n is huge (150 528), tiny changes add up "
            "to a big one."),
        QT_TRANSLATE_NOOP("help",
            "Move the image-size slider on the right and watch the change grow with n.")),
    "inside": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Inside the network"),
        QT_TRANSLATE_NOOP("help",
            "A network passes the photo through many layers, one after the other. The plot "
            "shows, layer by layer, how much the values inside change: red for the "
            "adversarial noise, grey for random noise of the same size. The random change "
            "stays small, while the adversarial one grows as the small changes add up. The "
            "squares on the right are what one layer “sees”, for the original and the "
            "changed photo."),
        QT_TRANSLATE_NOOP("help",
            "Switch the direction between FGSM and random noise and compare the red line.")),
    "kinds": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Simple labels"),
        QT_TRANSLATE_NOOP("help",
            "The network knows 1000 classes, such as 118 breeds of dog. Simple labels add up "
            "the confidences of all classes of one kind: all dogs together, all cats, all "
            "pigs. “Is it a …?” asks one question, as in the article: dog, or not a dog? "
            "The network's own best class stays under the bars."),
        QT_TRANSLATE_NOOP("help",
            "Open the dog, choose “Is it a dog?” and slide η until it says “Not a dog”.")),
    "article_preset": HelpTopic(
        QT_TRANSLATE_NOOP("help", "The article's Figure 1"),
        QT_TRANSLATE_NOOP("help",
            "The article shows a pig that a network calls an airliner after noise of "
            "η = 0.005, about one grey level per colour value. This lesson runs that attack "
            "on the pig: it keeps pushing towards “airliner” and keeps every step on whole "
            "grey levels, so the saved picture fools just as much. It then says honestly "
            "how far it got and what η it would need."),
        QT_TRANSLATE_NOOP("help",
            "Run it, then export the three-panel figure for a slide.")),
    "defence": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Defence lab: make a model robust"),
        QT_TRANSLATE_NOOP("help",
            "Here you train a small network yourself, for example on handwritten digits. "
            "Adversarial training shows it attacked images while it learns, so it learns to "
            "give the right answer anyway. The curves show how often it is right on test "
            "images: clean, under the quick FGSM attack and under the strong PGD attack. Only "
            "a high PGD accuracy means the model is really robust."),
        QT_TRANSLATE_NOOP("help",
            "Train with standard training, then with PGD training, and compare their PGD "
            "accuracy.")),
}

#: One topic per attack in the registry (advlab.core.attacks.registry.ATTACKS).
ATTACK_TOPICS: dict[str, HelpTopic] = {
    "fgsm": HelpTopic(
        QT_TRANSLATE_NOOP("help", "FGSM (fast gradient sign)"),
        QT_TRANSLATE_NOOP("help",
            "FGSM asks the network, for every colour value, whether going up or down makes "
            "its answer worse. Then it moves every value one tiny step η that way, all at "
            "once. It takes a single look inside the network, so it is very fast."),
        QT_TRANSLATE_NOOP("help", "Run FGSM with eps = 0.005 and look at the noise.")),
    "noise": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Random noise (control)"),
        QT_TRANSLATE_NOOP("help",
            "Moves every colour value by exactly η, up or down at random. It is the fair "
            "comparison for FGSM: the same size of change, but no clever direction. It "
            "almost never fools the network, which shows that the direction is what matters."),
        QT_TRANSLATE_NOOP("help", "Run it with the same eps as FGSM and compare the answers.")),
    "bim": HelpTopic(
        QT_TRANSLATE_NOOP("help", "BIM / I-FGSM (iterative)"),
        QT_TRANSLATE_NOOP("help",
            "Does FGSM many times with small steps, asking the network for a new direction "
            "each time. After every step it pulls each value back to within η of the "
            "original, so the change stays just as small. Many careful steps succeed where "
            "one big step fails."),
        QT_TRANSLATE_NOOP("help", "Find an eps where FGSM fails and BIM still works.")),
    "pgd": HelpTopic(
        QT_TRANSLATE_NOOP("help", "PGD (projected gradient descent)"),
        QT_TRANSLATE_NOOP("help",
            "Like BIM, but it starts from a random point near the photo and may try several "
            "starts, keeping the best. Researchers use it to test whether a network is "
            "really robust. If PGD cannot fool a network, that network is strong."),
        QT_TRANSLATE_NOOP("help", "Watch the playback tab to see its confidence fall step by step.")),
    "pgd_l2": HelpTopic(
        QT_TRANSLATE_NOOP("help", "PGD L2"),
        QT_TRANSLATE_NOOP("help",
            "Like PGD, but it limits the total length of the change instead of the largest "
            "change of one value. So it may change a few pixels more and leave others alone. "
            "Its noise map looks different from that of PGD."),
        QT_TRANSLATE_NOOP("help", "Compare its noise map with PGD's.")),
    "mifgsm": HelpTopic(
        QT_TRANSLATE_NOOP("help", "MI-FGSM (momentum)"),
        QT_TRANSLATE_NOOP("help",
            "Like BIM, but every step remembers the directions of the steps before, like a "
            "rolling ball that does not stop in every small dip. Its changes are steadier. "
            "That is why they often fool other networks too."),
        QT_TRANSLATE_NOOP("help", "Test its result on another model in the Transfer tab.")),
    "onepixel": HelpTopic(
        QT_TRANSLATE_NOOP("help", "One-pixel attack"),
        QT_TRANSLATE_NOOP("help",
            "Changes only one pixel, but to any colour. It does not look inside the network: "
            "it tries hundreds of guesses, keeps the ones that lower the network's confidence "
            "and mixes them into better guesses, like evolution. Sometimes one pixel out of "
            "50 176 is enough."),
        QT_TRANSLATE_NOOP("help", "Run it and zoom in on the circled pixel.")),
    "square": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Square attack"),
        QT_TRANSLATE_NOOP("help",
            "Adds random square patches of ±η and keeps each patch that makes the network "
            "less sure of the right answer. It only asks the network questions, so it also "
            "works in black-box mode. Because it cannot see the best direction, it needs a "
            "larger η and many questions."),
        QT_TRANSLATE_NOOP("help", "Run it in black-box mode and read the query counter.")),
    "deepfool": HelpTopic(
        QT_TRANSLATE_NOOP("help", "DeepFool"),
        QT_TRANSLATE_NOOP("help",
            "Pretends the network is flat near the photo and calculates the shortest step "
            "to the nearest wrong answer. It takes that step and repeats until the answer "
            "changes. Its change is often much smaller than FGSM's: the wrong answer was very "
            "close all along."),
        QT_TRANSLATE_NOOP("help", "Compare its L2 with FGSM's in the results list.")),
    "cw": HelpTopic(
        QT_TRANSLATE_NOOP("help", "Carlini–Wagner"),
        QT_TRANSLATE_NOOP("help",
            "Treats the attack as a puzzle: make the change as small as possible while the "
            "wrong class wins. An optimiser balances the two goals step by step. It is slow, "
            "but finds some of the smallest changes known."),
        QT_TRANSLATE_NOOP("help", "Run it with few steps first: it takes a while.")),
}

HELP_TOPICS: dict[str, HelpTopic] = {**CONTROL_TOPICS, **ATTACK_TOPICS}


def topic(key: str) -> HelpTopic:
    """The topic called ``key``; an unknown key lists the known ones."""
    try:
        return HELP_TOPICS[key]
    except KeyError:
        raise ParameterError(
            "There is no help topic '{key}'; choose one of: {help_topics}.",
            key=key, help_topics=', '.join(HELP_TOPICS)
        ) from None


def help_title(key: str) -> str:
    """The topic's title in the user's language."""
    return QCoreApplication.translate(CONTEXT, topic(key).title)


def help_text(key: str) -> str:
    """The topic's explanation in the user's language."""
    return QCoreApplication.translate(CONTEXT, topic(key).text)


def help_try(key: str) -> str:
    """One thing to try, in the user's language."""
    return QCoreApplication.translate(CONTEXT, topic(key).try_this)
