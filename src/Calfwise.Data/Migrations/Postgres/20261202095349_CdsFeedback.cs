using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Calfwise.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CdsFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CdsFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Card = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CardKind = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedSuggestions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReasonSystem = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReasonCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CdsFeedback", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CdsFeedback_OutcomeAt",
                table: "CdsFeedback",
                column: "OutcomeAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CdsFeedback");
        }
    }
}
