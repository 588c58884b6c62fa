// Tells the server the person's time zone (an IANA id such as Pacific/Auckland), so that their "today" and the hours
// of their diary are their own. Without script the field stays empty and the zone last given (or UTC) is used.
document.querySelectorAll("input[data-time-zone]").forEach(function (input) {
    try {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
        input.value = "";
    }
});
