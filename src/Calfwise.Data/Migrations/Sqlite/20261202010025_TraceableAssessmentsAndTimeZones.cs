using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Calfwise.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TraceableAssessmentsAndTimeZones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssessedCaseJson",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KnowledgeVersion",
                table: "Assessments",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResultJson",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssessedCaseJson",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "KnowledgeVersion",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "ResultJson",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "AspNetUsers");
        }
    }
}
