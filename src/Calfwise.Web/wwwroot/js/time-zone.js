// Tells the server the person's time zone (an IANA id such as Pacific/Auckland), so that their "today" and the hours
// of their diary are their own: the diary's forms carry a field for it, and the registration form gets one here.
// Without script the fields stay empty and the zone last given (or UTC) is used.
(function () {
    var zone = "";
    try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
        zone = "";
    }

    var register = document.getElementById("registerForm");
    if (register && !register.querySelector("input[data-time-zone]")) {
        var field = document.createElement("input");
        field.type = "hidden";
        field.name = "TimeZone";
        field.setAttribute("data-time-zone", "");
        register.appendChild(field);
    }

    document.querySelectorAll("input[data-time-zone]").forEach(function (input) {
        input.value = zone;
    });
})();
