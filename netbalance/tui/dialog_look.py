"""How every dialog and form looks: its part of the stylesheet, parsed when the first
dialog opens (`DialogShownOnce`), not with the app's stylesheet before the first frame.
Written as the app's stylesheet is: unscoped, each rule naming what it is for."""

DIALOG_CSS = """
/* card form */
#card-form { width: 80; }
#card-form Label { margin-top: 1; color: $text-muted; }
#card-notes { height: 6; }
.form-row { height: auto; }
.form-row > Vertical { height: auto; width: 1fr; }
#track-record { width: 100; max-width: 100%; height: 80%; }
#track-table { height: 1fr; }
TrackRecordScreen, ItemForm { align: center middle; }

ContactForm, InteractionForm, SnoozeScreen, DueScreen, ImportScreen { align: center middle; }
#contact-form, #interaction-form { width: 84; height: auto; max-height: 95%; }
#contact-form Label, #interaction-form Label { margin-top: 1; color: $text-muted; }
#contact-notes { height: 4; }
#snooze-dialog { width: 50; height: auto; }
#due-dialog { width: 100; height: 80%; }
#due-table { height: 1fr; }
#import-dialog { width: 90; height: auto; max-height: 90%; }
#import-report { height: auto; max-height: 16; overflow-y: auto; }
#import-progress { margin: 1 0; }

ShareScreen, CadenceForm, FollowUpCardForm, PlanForm, ReflectionForm { align: center middle; }
#share-dialog { width: 80; height: auto; max-height: 90%; }
#share-list { height: auto; max-height: 14; }
#cadence-dialog, #follow-up-dialog { width: 64; height: auto; }
#plan-form { width: 90; height: auto; max-height: 95%; }
#plan-form Label, #reflection-form Label { margin-top: 1; color: $text-muted; }
#plan-focus { height: auto; max-height: 12; }
#reflection-form { width: 84; height: auto; max-height: 95%; }
#reflection-text { height: 8; }
App.-short #reflection-text { height: 5; }

/* dialogs: never wider or taller than the terminal; the fields scroll, the foot (error
   line and buttons) stays in view */
ConfirmScreen, LengthScreen, SessionForm, SplitForm { align: center middle; }
.dialog {
    width: 60;
    height: auto;
    max-width: 100%;
    max-height: 100%;
    overflow-y: auto;
    border: thick $primary;
    background: $surface;
    padding: 1 2;
}
.dialog-foot { dock: bottom; height: auto; background: $surface; }
.dialog-title { text-style: bold; margin-bottom: 1; }
.dialog-subtitle { color: $text-muted; margin-bottom: 1; }
.dialog-error { color: $error; display: none; }
.dialog-hint { color: $text-muted; margin-top: 1; }
.dialog-buttons { height: auto; align-horizontal: right; }
.dialog-buttons Button { margin-left: 2; }
#length-presets { height: auto; max-height: 10; margin-bottom: 1; }
#length-minutes { margin-bottom: 0; }

/* a terminal under 44 rows (80×24, 120×40): every field of a form on one line */
App.-short .dialog { padding: 0 1; }
App.-short .dialog-title { margin-bottom: 0; }
App.-short .dialog Label,
App.-short #card-form Label,
App.-short #contact-form Label,
App.-short #interaction-form Label { margin-top: 0; }
App.-short .dialog Input {
    border: none;
    height: 1;
    padding: 0 1;
    margin-bottom: 1;
    background: $background;
}
App.-short .dialog Input:focus { border: none; background: $primary 25%; }
App.-short .dialog Select { margin-bottom: 1; }
App.-short .dialog Select > SelectCurrent {
    border: none;
    padding: 0 1 0 1;
    background: $background;
}
App.-short .dialog Select:focus > SelectCurrent { border: none; background: $primary 25%; }
App.-short .dialog TextArea { border: none; background: $background; }
App.-short .dialog-buttons Button { border: none; height: 1; min-width: 8; }
App.-short #card-notes { height: 3; }
App.-short #contact-notes { height: 2; }
App.-short .form-row > Vertical { padding-right: 2; }
/* not `Vertical:last-of-type`: a rule with an order pseudo-class makes Textual style every
   Vertical (a Select, a dialog's frame) and all inside it twice when it mounts */
App.-short .form-row > .row-end { padding-right: 0; }
"""
