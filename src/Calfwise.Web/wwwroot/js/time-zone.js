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

    // A new diary entry's date and time start at "now" in the zone the server knew (data-now-zone); when the browser
    // is in another zone (none given yet, or travelling), they start at the browser's own date and time instead.
    function pad(n) {
        return (n < 10 ? "0" : "") + n;
    }

    var now = new Date();
    var local = {
        date: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()),
        time: pad(now.getHours()) + ":" + pad(now.getMinutes())
    };
    document.querySelectorAll("form[data-now-zone]").forEach(function (form) {
        if (!zone || form.getAttribute("data-now-zone") === zone) {
            return;
        }

        form.querySelectorAll("input[data-now]").forEach(function (input) {
            input.value = local[input.getAttribute("data-now")] || input.value;
        });
    });
})();
